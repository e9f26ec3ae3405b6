using PortalGrains.Abstractions.Common;

namespace PortalGrains.Abstractions.Catalog;

/// <summary>
/// The catalogue's single writer (key <see cref="Key"/>). Reads go through the per-silo catalogue cache,
/// which asks this grain only for its version and, when it changed, for a new snapshot.
/// </summary>
[Alias("PortalGrains.Catalog.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithStringKey
{
    const string Key = "catalog";

    [Alias("GetSnapshot")]
    Task<CatalogSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default);

    [Alias("GetVersion")]
    Task<long> GetVersionAsync(CancellationToken cancellationToken = default);

    [Alias("UpsertProduct")]
    Task<CommandResult<Product>> UpsertProductAsync(string? id, ProductUpsert product, Caller caller, CancellationToken cancellationToken = default);

    [Alias("UpsertPlan")]
    Task<CommandResult<Plan>> UpsertPlanAsync(string? id, PlanUpsert plan, Caller caller, CancellationToken cancellationToken = default);

    /// <summary>Whether any product uses the provider (a provider in use cannot be deleted).</summary>
    [Alias("IsProviderInUse")]
    Task<bool> IsProviderInUseAsync(string providerId, CancellationToken cancellationToken = default);
}
