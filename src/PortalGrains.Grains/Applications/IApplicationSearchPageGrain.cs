using System.Collections.Immutable;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Grains.AccessRequests;

namespace PortalGrains.Grains.Applications;

/// <summary>
/// One page of a search index shard's chain. Only the shard's head calls it, one call at a time. Every call names the
/// end of the page's range (the next page's first position, null for the last page): entries at or after it belong to
/// a later page and are ignored, and dropped on the next write.
/// </summary>
[Alias("PortalGrains.Applications.IApplicationSearchPageGrain")]
public interface IApplicationSearchPageGrain : IGrainWithStringKey
{
    /// <returns>How many entries the page holds after the change; null when it was full and stored nothing.</returns>
    [Alias("Upsert")]
    Task<int?> UpsertAsync(ApplicationSearchEntry entry, AccessRequestIndexEntry? end, int maxEntries, CancellationToken cancellationToken = default);

    /// <returns>How many entries the page holds after removing.</returns>
    [Alias("Remove")]
    Task<int> RemoveAsync(string applicationId, AccessRequestIndexEntry? end, CancellationToken cancellationToken = default);

    [Alias("Search")]
    Task<ApplicationSearchSlice> SearchAsync(
        string? search, AccessRequestIndexEntry? after, int take, AccessRequestIndexEntry? end, CancellationToken cancellationToken = default);

    /// <summary>Every entry of the page's range.</summary>
    [Alias("Read")]
    Task<ImmutableArray<ApplicationSearchEntry>> ReadAsync(AccessRequestIndexEntry? end, CancellationToken cancellationToken = default);

    /// <summary>Stores exactly these entries (in the index order); none clears the page.</summary>
    [Alias("Replace")]
    Task ReplaceAsync(ImmutableArray<ApplicationSearchEntry> entries, CancellationToken cancellationToken = default);
}
