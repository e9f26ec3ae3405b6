using PortalGrains.Abstractions.Catalog;

namespace PortalGrains.Grains.Catalog;

[GenerateSerializer]
public sealed class CatalogState
{
    /// <summary>Incremented on every change; silos compare it to decide whether to fetch a new snapshot.</summary>
    [Id(0)] public long Version { get; set; }
    [Id(1)] public List<Product> Products { get; set; } = [];
    [Id(2)] public List<Plan> Plans { get; set; } = [];
}
