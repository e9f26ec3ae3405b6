using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PortalGrains.Configuration;
using PortalGrains.IdentityProviders.Http;

namespace PortalGrains.IdentityProviders.Discovery;

public static class ProviderMetadataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IProviderMetadataCache"/> (and the HTTP layer it uses). Options are bound from
    /// <see cref="ProviderMetadataCacheOptions.SectionName"/> (or its former name) when an IConfiguration is registered, then
    /// <paramref name="configure"/> runs; they are validated at start-up.
    /// </summary>
    public static IServiceCollection AddIdentityProviderMetadataCache(
        this IServiceCollection services, Action<ProviderMetadataCacheOptions>? configure = null)
    {
        services.AddIdentityProviderHttp();
        var options = services.AddOptions<ProviderMetadataCacheOptions>();
        if (!services.Any(static d => d.ServiceType == typeof(ProviderMetadataCache)))
        {
            options.BindConfiguration(ProviderMetadataCacheOptions.SectionName, ProviderMetadataCacheOptions.FormerSection)
                .ValidateProblems(ProviderMetadataCacheOptions.SectionName)
                .ValidateOnStart();
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<ProviderMetadataCache>();
        services.TryAddSingleton<IProviderMetadataCache>(static sp => sp.GetRequiredService<ProviderMetadataCache>());
        return services;
    }
}
