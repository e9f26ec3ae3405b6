using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PortalGrains.Configuration;

namespace PortalGrains.IdentityProviders.Http;

public static class OutboundPolicyServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="OutboundPolicyOptions"/>: the host environment's defaults
    /// (<see cref="OutboundPolicyEnvironmentDefaults"/>), then <see cref="OutboundPolicyOptions.SectionName"/> (or its
    /// former keys) when an IConfiguration is registered, then <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddOutboundPolicy(this IServiceCollection services, Action<OutboundPolicyOptions>? configure = null)
    {
        var options = services.AddOptions<OutboundPolicyOptions>();
        if (!services.Any(static d => d.ImplementationType == typeof(OutboundPolicyEnvironmentDefaults)))
        {
            // Registered once, before any configure delegate, so that a later call cannot overwrite what a delegate set.
            services.AddSingleton<IConfigureOptions<OutboundPolicyOptions>, OutboundPolicyEnvironmentDefaults>();
            options.BindConfiguration(OutboundPolicyOptions.SectionName, OutboundPolicyOptions.FormerSection)
                .ValidateOnStart();
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services;
    }
}
