namespace PortalGrains.Grains.AccessRequests;

/// <summary>The state of an index shard: its head page and the list of the pages after it.</summary>
[GenerateSerializer]
public sealed class AccessRequestIndexState
{
    /// <summary>The newest entries, in the index order (see <see cref="AccessRequestIndexOrder"/>), all before the first page's range.</summary>
    [Id(0)] public List<AccessRequestIndexEntry> Entries { get; set; } = [];

    /// <summary>The older pages, in the index order; none is empty.</summary>
    [Id(1)] public List<AccessRequestIndexPageInfo> Pages { get; set; } = [];

    /// <summary>The number the next new page gets.</summary>
    [Id(2)] public long NextPageNumber { get; set; } = 1;
}
