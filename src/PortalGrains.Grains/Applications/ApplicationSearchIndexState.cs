using PortalGrains.Abstractions.Applications;
using PortalGrains.Grains.AccessRequests;

namespace PortalGrains.Grains.Applications;

/// <summary>The state of a search index shard: its head page and the list of the pages after it.</summary>
[GenerateSerializer]
public sealed class ApplicationSearchIndexState
{
    /// <summary>The newest entries, in the index order, all before the first page's range.</summary>
    [Id(0)] public List<ApplicationSearchEntry> Entries { get; set; } = [];

    /// <summary>The older pages, in the index order; none is empty.</summary>
    [Id(1)] public List<AccessRequestIndexPageInfo> Pages { get; set; } = [];

    /// <summary>The number the next new page gets.</summary>
    [Id(2)] public long NextPageNumber { get; set; } = 1;
}
