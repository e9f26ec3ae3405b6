using System.Collections.Immutable;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Providers;

namespace PortalGrains.Gateway.Tests;

/// <summary>Catalogue entries and providers for the gateway tests.</summary>
internal static class GatewaySamples
{
    private static readonly DateTimeOffset At = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Product Product(string id, string? providerId, string? policyId, bool published = true, params string[] scopes) =>
        new(id, id, null, published, true, providerId, [.. scopes], ["m2m"], policyId, At);

    public static Plan Plan(string id, string? policyId, params string[] scopes) =>
        new(id, id, null, [.. scopes], false, policyId, null, null, At);

    public static Plan LimitedPlan(string id, string policyId, RateLimit? rateLimit, Quota? quota, params string[] scopes) =>
        new(id, id, null, [.. scopes], false, policyId, rateLimit, quota, At);

    public static ProviderView Provider(string id, string? issuer) =>
        new(id, id, ProviderKind.Other, (issuer ?? "https://unreachable.example") + "/.well-known/openid-configuration", null, false, false, [],
            issuer is null ? null : new ProviderDiscoveryView(issuer, issuer + "/jwks", issuer + "/token", issuer + "/reg", At),
            issuer is null ? "unreachable" : null, 1, At);

    public static CatalogSnapshot Snapshot(IEnumerable<Product> products, IEnumerable<Plan> plans) =>
        new(7, [.. products], [.. plans]);

    public static ImmutableHashSet<string> Scopes(params string[] scopes) => [.. scopes];
}
