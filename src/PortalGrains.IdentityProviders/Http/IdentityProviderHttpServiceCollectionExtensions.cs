using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PortalGrains.Configuration;

namespace PortalGrains.IdentityProviders.Http;

public static class IdentityProviderHttpServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IIdentityProviderHttpClientFactory"/> (and <see cref="IOutboundHttpClientFactory"/>) and the outbound policy its connections follow
    /// (<see cref="OutboundPolicyServiceCollectionExtensions.AddOutboundPolicy"/>). Options are bound from
    /// <see cref="IdentityProviderHttpOptions.SectionName"/> (or its former name) when an IConfiguration is registered, then
    /// <paramref name="configure"/> runs; they are validated at start-up.
    /// </summary>
    public static IServiceCollection AddIdentityProviderHttp(
        this IServiceCollection services, Action<IdentityProviderHttpOptions>? configure = null)
    {
        var options = services.AddOptions<IdentityProviderHttpOptions>();
        var firstCall = !services.Any(static d => d.ServiceType == typeof(IdentityProviderHttpClientFactory));
        if (firstCall)
        {
            // Bound once, before any configure delegate, so a later call cannot overwrite what a delegate set.
            options.BindConfiguration(IdentityProviderHttpOptions.SectionName, IdentityProviderHttpOptions.FormerSection)
                .ValidateProblems(IdentityProviderHttpOptions.SectionName)
                .ValidateOnStart();
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddOutboundPolicy();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IdentityProviderHttpClientFactory>();
        services.TryAddSingleton<IIdentityProviderHttpClientFactory>(
            static sp => sp.GetRequiredService<IdentityProviderHttpClientFactory>());
        services.TryAddSingleton<IOutboundHttpClientFactory>(
            static sp => sp.GetRequiredService<IdentityProviderHttpClientFactory>());
        return services;
    }
}
