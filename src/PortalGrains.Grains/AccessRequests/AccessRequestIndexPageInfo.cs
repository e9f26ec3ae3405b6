namespace PortalGrains.Grains.AccessRequests;

/// <summary>
/// One page of an index shard's chain, as the shard's head records it. The page holds the entries from
/// <see cref="From"/> (inclusive) up to the next page's <see cref="From"/> in the index order.
/// </summary>
/// <param name="Number">The page's grain (see <see cref="AccessRequestIndexKeys.PageKey"/>); never reused within a shard.</param>
/// <param name="From">The first position of the page's range: the newest entry it held when it was made.</param>
/// <param name="Count">How many entries the page holds, so that a shard's total is one read.</param>
[GenerateSerializer, Immutable]
public sealed record AccessRequestIndexPageInfo(
    [property: Id(0)] long Number,
    [property: Id(1)] AccessRequestIndexEntry From,
    [property: Id(2)] int Count);
