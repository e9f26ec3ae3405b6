using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Gateway;
using PortalGrains.Abstractions.Providers;

namespace PortalGrains.Gateway;

/// <summary>
/// The gateway configuration from this silo's catalogue copy and the current settings of the providers it uses
/// (read from their grains: an admin asks for it, so it should reflect a provider saved a moment ago).
/// </summary>
public sealed class GatewayConfigurationSource(
    IGrainFactory grains,
    ICatalogReader catalog,
    IOptions<GatewayOptions> options,
    ILogger<GatewayConfigurationSource> logger) : IGatewayConfigurationSource
{
    public async Task<GatewayConfiguration> GetAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await catalog.GetAsync(cancellationToken);
        var providerIds = snapshot.Products.IsDefault
            ? []
            : snapshot.Products.Select(p => p.ProviderId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var providers = await Task.WhenAll(providerIds.Select(id => grains.GetGrain<IProviderGrain>(id).GetAsync(cancellationToken)));
        var configuration = GatewayConfigurationBuilder.Build(snapshot, providers.OfType<ProviderView>(), options.Value);
        foreach (var byScope in configuration.ScopePolicies.GroupBy(p => p.Scope, StringComparer.Ordinal))
        {
            var policyIds = byScope.Select(p => p.PolicyId).Distinct(StringComparer.Ordinal).ToList();
            if (policyIds.Count > 1)
            {
                GatewayLog.ScopeMapsToSeveralPolicies(logger, byScope.Key, string.Join(", ", policyIds), policyIds[0]);
            }
        }

        return configuration;
    }
}
