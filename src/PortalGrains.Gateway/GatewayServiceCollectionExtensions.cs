using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PortalGrains.Abstractions.Gateway;
using PortalGrains.Configuration;
using PortalGrains.IdentityProviders.Discovery;

namespace PortalGrains.Gateway;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Registers token verification (<see cref="ITokenVerifier"/>) and the gateway configuration
    /// (<see cref="IGatewayConfigurationSource"/>), one of each per silo, with options from <c>Portal:Gateway</c>
    /// validated at start-up. Uses the catalogue cache (<c>AddPortalGrains</c>)
    /// and the discovery/JWKS cache.
    /// </summary>
    public static IServiceCollection AddPortalGateway(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.SectionName)
            .ValidateProblems(GatewayOptions.SectionName)
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddIdentityProviderMetadataCache();
        services.TryAddSingleton<ProviderIssuerDirectory>();
        services.TryAddSingleton<ApplicationLookup>();
        services.TryAddSingleton<TokenVerifier>();
        services.TryAddSingleton<ITokenVerifier>(sp => sp.GetRequiredService<TokenVerifier>());
        services.TryAddSingleton<IGatewayConfigurationSource, GatewayConfigurationSource>();
        return services;
    }
}
