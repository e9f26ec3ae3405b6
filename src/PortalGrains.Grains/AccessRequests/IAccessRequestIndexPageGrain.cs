using System.Collections.Immutable;

namespace PortalGrains.Grains.AccessRequests;

/// <summary>
/// One page of an index shard's chain. Only the shard's head calls it, one call at a time. Every call names the end of
/// the page's range (the next page's first position, null for the last page): entries at or after it belong to a later
/// page and are ignored, and dropped on the next write.
/// </summary>
[Alias("PortalGrains.AccessRequests.IAccessRequestIndexPageGrain")]
public interface IAccessRequestIndexPageGrain : IGrainWithStringKey
{
    /// <returns>How many entries the page holds after adding; null when it was full and stored nothing.</returns>
    [Alias("Add")]
    Task<int?> AddAsync(AccessRequestIndexEntry entry, AccessRequestIndexEntry? end, int maxEntries, CancellationToken cancellationToken = default);

    /// <returns>How many entries the page holds after removing.</returns>
    [Alias("Remove")]
    Task<int> RemoveAsync(string accessRequestId, AccessRequestIndexEntry? end, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="take"/> entries after <paramref name="after"/> (from the start when null).</summary>
    [Alias("Read")]
    Task<AccessRequestIndexSlice> ReadAsync(AccessRequestIndexEntry? after, int take, AccessRequestIndexEntry? end, CancellationToken cancellationToken = default);

    /// <summary>Stores exactly these entries (in the index order); none clears the page.</summary>
    [Alias("Replace")]
    Task ReplaceAsync(ImmutableArray<AccessRequestIndexEntry> entries, CancellationToken cancellationToken = default);
}
