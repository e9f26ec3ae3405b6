namespace PortalGrains.Abstractions.Catalog;

/// <summary>
/// Reads the catalogue from this silo's copy, refreshed from <see cref="ICatalogGrain"/> when its version changes,
/// so that catalogue reads do not all funnel through one grain.
/// </summary>
public interface ICatalogReader
{
    ValueTask<CatalogSnapshot> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Drops this silo's copy so that the next read fetches a fresh one (after a write on this silo).</summary>
    void Invalidate();
}
