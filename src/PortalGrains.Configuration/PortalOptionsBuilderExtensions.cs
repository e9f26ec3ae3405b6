using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PortalGrains.Configuration;

public static class PortalOptionsBuilderExtensions
{
    /// <summary>
    /// Binds the options to <paramref name="sectionName"/> of the registered IConfiguration, reading the keys of
    /// <paramref name="former"/> that the section does not set. Without a registered IConfiguration (a library used on
    /// its own) the options keep their defaults.
    /// </summary>
    public static OptionsBuilder<TOptions> BindConfiguration<TOptions>(
        this OptionsBuilder<TOptions> builder, string sectionName, FormerConfigurationSection former)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Configure<IServiceProvider>((options, services) =>
        {
            if (services.GetService<IConfiguration>() is { } configuration)
            {
                configuration.GetSection(sectionName, former).Bind(options);
            }
        });
    }

    /// <summary>Validates the options with their own <see cref="IProblemReportingOptions.Validate"/>, problems prefixed with <paramref name="sectionName"/>.</summary>
    public static OptionsBuilder<TOptions> ValidateProblems<TOptions>(this OptionsBuilder<TOptions> builder, string sectionName)
        where TOptions : class, IProblemReportingOptions
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new ProblemReportingOptionsValidator<TOptions>(sectionName)));
        return builder;
    }
}
