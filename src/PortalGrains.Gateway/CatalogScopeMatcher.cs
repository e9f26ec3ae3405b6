using System.Collections.Immutable;
using PortalGrains.Abstractions.Catalog;

namespace PortalGrains.Gateway;

/// <summary>What a token's scopes grant in the catalogue.</summary>
public static class CatalogScopeMatcher
{
    /// <summary>
    /// The products at one of <paramref name="providerIds"/> (the providers of the token's issuer) whose scopes are all
    /// among <paramref name="tokenScopes"/>. A product without scopes or without a provider is granted by no token:
    /// scope names are only meaningful at the provider that issued them.
    /// </summary>
    public static ImmutableArray<string> MatchProducts(
        CatalogSnapshot catalog, IReadOnlySet<string> tokenScopes, IReadOnlyCollection<string> providerIds)
    {
        if (tokenScopes.Count == 0 || catalog.Products.IsDefaultOrEmpty)
        {
            return [];
        }

        var matched = ImmutableArray.CreateBuilder<string>();
        foreach (var product in catalog.Products)
        {
            if (product.ProviderId is { } providerId && providerIds.Contains(providerId) && GrantsAll(product.Scopes, tokenScopes))
            {
                matched.Add(product.Id);
            }
        }

        return matched.ToImmutable();
    }

    /// <summary>
    /// The plans with at least one scope whose scopes are all among <paramref name="tokenScopes"/>, when the token also
    /// grants a product at one of <paramref name="providerIds"/>: a plan is only ever requested together with a product,
    /// from that product's provider, so a token that grants none of its provider's products carries no plan, whatever
    /// scope names other providers' products and plans share.
    /// </summary>
    public static ImmutableArray<string> MatchPlans(
        CatalogSnapshot catalog, IReadOnlySet<string> tokenScopes, IReadOnlyCollection<string> providerIds)
    {
        if (tokenScopes.Count == 0 || catalog.Plans.IsDefaultOrEmpty || MatchProducts(catalog, tokenScopes, providerIds).IsEmpty)
        {
            return [];
        }

        var matched = ImmutableArray.CreateBuilder<string>();
        foreach (var plan in catalog.Plans)
        {
            if (GrantsAll(plan.Scopes, tokenScopes))
            {
                matched.Add(plan.Id);
            }
        }

        return matched.ToImmutable();
    }

    private static bool GrantsAll(ImmutableArray<string> required, IReadOnlySet<string> tokenScopes)
    {
        if (required.IsDefaultOrEmpty)
        {
            return false;
        }

        foreach (var scope in required)
        {
            if (!tokenScopes.Contains(scope))
            {
                return false;
            }
        }

        return true;
    }
}
