using System.Collections.Immutable;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Gateway;
using PortalGrains.Abstractions.Providers;

namespace PortalGrains.Gateway;

/// <summary>Turns the catalogue and its providers into what a gateway needs, in a stable order.</summary>
public static class GatewayConfigurationBuilder
{
    public static GatewayConfiguration Build(CatalogSnapshot catalog, IEnumerable<ProviderView> providers, GatewayOptions options)
    {
        var byId = providers.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var issuers = IssuersOf(catalog, byId);
        var scopePolicies = ScopePoliciesOf(catalog);
        var groups = GroupsOf(catalog, issuers, scopePolicies);
        return new GatewayConfiguration(
            issuers,
            scopePolicies,
            TykExportBuilder.Build(groups, scopePolicies, options),
            KongExportBuilder.Build(groups, scopePolicies, options));
    }

    /// <summary>Every provider used by a published product whose discovery is known, ordered by provider id.</summary>
    public static ImmutableArray<GatewayIssuer> IssuersOf(CatalogSnapshot catalog, IReadOnlyDictionary<string, ProviderView> providers) =>
    [
        .. catalog.Products.OrEmpty()
            .Where(p => p.Published && p.ProviderId is not null)
            .Select(p => p.ProviderId!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(id => providers.GetValueOrDefault(id))
            .Where(p => p?.Discovery is not null)
            .Select(p => new GatewayIssuer(p!.Id, p.Discovery!.Issuer, p.Discovery.JwksUri)),
    ];

    /// <summary>
    /// Every product scope with the product's policy, then every plan scope with the plan's policy (products and plans
    /// by id, scopes in their order); plan scopes carry the plan's limits; entries without a policy id are left out.
    /// </summary>
    public static ImmutableArray<ScopePolicy> ScopePoliciesOf(CatalogSnapshot catalog)
    {
        var policies = ImmutableArray.CreateBuilder<ScopePolicy>();
        foreach (var product in catalog.Products.OrEmpty().OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (!string.IsNullOrWhiteSpace(product.PolicyId))
            {
                policies.AddRange(product.Scopes.OrEmpty().Distinct(StringComparer.Ordinal)
                    .Select(scope => new ScopePolicy(scope, product.PolicyId, product.Id, null)));
            }
        }

        foreach (var plan in catalog.Plans.OrEmpty().OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (!string.IsNullOrWhiteSpace(plan.PolicyId))
            {
                policies.AddRange(plan.Scopes.OrEmpty().Distinct(StringComparer.Ordinal)
                    .Select(scope => new ScopePolicy(scope, plan.PolicyId, null, plan.Id, plan.RateLimit, plan.Quota)));
            }
        }

        return policies.ToImmutable();
    }

    /// <summary>
    /// The issuers grouped by issuer (several providers may share one), each with the scope policies of its providers'
    /// products and of every plan (a plan's scopes are requested from whichever provider issues the product's).
    /// </summary>
    public static ImmutableArray<GatewayIssuerGroup> GroupsOf(
        CatalogSnapshot catalog, ImmutableArray<GatewayIssuer> issuers, ImmutableArray<ScopePolicy> scopePolicies)
    {
        var productProvider = catalog.Products.OrEmpty().ToDictionary(p => p.Id, p => p.ProviderId, StringComparer.Ordinal);
        return
        [
            .. issuers
                .GroupBy(i => i.Issuer, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(group =>
                {
                    var providerIds = group.Select(i => i.ProviderId).ToImmutableArray();
                    var policies = scopePolicies.Where(sp =>
                        sp.PlanId is not null ||
                        (sp.ProductId is not null && productProvider.GetValueOrDefault(sp.ProductId) is { } providerId && providerIds.Contains(providerId)));
                    return new GatewayIssuerGroup(group.Key, group.First().JwksUri, providerIds, [.. policies]);
                }),
        ];
    }

    private static ImmutableArray<T> OrEmpty<T>(this ImmutableArray<T> items) => items.IsDefault ? [] : items;
}
