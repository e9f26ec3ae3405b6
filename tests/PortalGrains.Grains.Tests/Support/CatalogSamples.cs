using System.Collections.Immutable;
using PortalGrains.Abstractions.Catalog;

namespace PortalGrains.Grains.Tests.Support;

public static class CatalogSamples
{
    /// <summary>A valid product without dynamic client registration (needs no provider).</summary>
    public static ProductUpsert PlainProduct(string? name = null, bool published = true) =>
        new(name ?? TestIds.New("product"), "A product", published, DcrEnabled: false, ProviderId: null,
            Scopes: ["orders:read", "orders:write"], ClientTypeIds: [], PolicyId: "orders-policy");

    public static ProductUpsert DcrProduct(string providerId, params string[] clientTypeIds) =>
        new(TestIds.New("product"), null, Published: true, DcrEnabled: true, providerId,
            Scopes: ["orders:read"], ClientTypeIds: [.. clientTypeIds], PolicyId: null);

    public static PlanUpsert Plan(bool autoApprove = false, ImmutableArray<string>? scopes = null) =>
        new(TestIds.New("plan"), "A plan", scopes ?? ["plan:gold", "orders:read"], autoApprove, "gold-policy",
            new RateLimit(100, 60), new Quota(10_000, 86_400));
}
