using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Catalog;

/// <summary>The whole catalogue at one version; silos cache it and serve reads from the copy.</summary>
[GenerateSerializer, Immutable]
public sealed record CatalogSnapshot(
    [property: Id(0)] long Version,
    [property: Id(1)] ImmutableArray<Product> Products,
    [property: Id(2)] ImmutableArray<Plan> Plans)
{
    public static readonly CatalogSnapshot Empty = new(0, [], []);

    public Product? FindProduct(string id) => Products.FirstOrDefault(p => p.Id == id);

    public Plan? FindPlan(string id) => Plans.FirstOrDefault(p => p.Id == id);
}
