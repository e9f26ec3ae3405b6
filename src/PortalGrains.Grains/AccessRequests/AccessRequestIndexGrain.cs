using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Common;
using PortalGrains.Grains.Common;
using PortalGrains.Grains.Persistence;

namespace PortalGrains.Grains.AccessRequests;

/// <summary>
/// The admin queue of one status (or of all requests), newest first. Access request grains keep it up to date;
/// adding and removing are idempotent so that they can repeat an update they are unsure about. Listings should
/// still check each request's status: the index follows a status change just after it is stored.
/// </summary>
/// <remarks>
/// <para>
/// An index is <see cref="AccessRequestIndexKeys.ShardCount"/> shards (keys "PENDING#0", ...), so that status changes
/// spread over them. The grain of the index's own key ("PENDING") stores nothing: it pages by merging the shards'
/// pages, and forwards changes.
/// </para>
/// <para>
/// A shard is a chain of pages in the index order, each at most <see cref="PortalLimitsOptions.EntriesPerIndexPage"/>
/// entries: the shard grain holds the newest (the head) and the list of the older pages (<see cref="IAccessRequestIndexPageGrain"/>)
/// with the range and count of each. A change goes to the one page whose range holds its position, so a new request or
/// a change of a recent one writes the head only; a page that would pass the limit moves its oldest half to a new page
/// after it. A page that empties leaves the chain and its range joins the page before it. The head alone decides the
/// ranges and is the only caller of its pages, so it handles one change of its chain at a time; new pages are stored
/// before the head refers to them, and a page keeps out of its range what the head moved on.
/// </para>
/// </remarks>
public sealed class AccessRequestIndexGrain(
    [PersistentState("accessRequestIndex")] IPersistentState<AccessRequestIndexState> state,
    IOptions<PortalLimitsOptions> limits) : Grain, IAccessRequestIndexGrain
{
    private bool IsShard => AccessRequestIndexKeys.IsShard(this.GetPrimaryKeyString());

    private int EntriesPerPage => Math.Max(2, limits.Value.EntriesPerIndexPage);

    private List<AccessRequestIndexPageInfo> Pages => state.State.Pages;

    public Task AddAsync(string accessRequestId, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessRequestId);
        return ApplyAsync([AccessRequestIndexChange.Add(accessRequestId, createdAt)], cancellationToken);
    }

    public Task RemoveAsync(string accessRequestId, DateTimeOffset createdAt, CancellationToken cancellationToken = default) =>
        ApplyAsync([AccessRequestIndexChange.Remove(accessRequestId, createdAt)], cancellationToken);

    public Task RemoveAsync(string accessRequestId, CancellationToken cancellationToken = default) =>
        ApplyAsync([new AccessRequestIndexChange(accessRequestId, null, IsRemoval: true)], cancellationToken);

    /// <summary>
    /// Changes of the head are made on a copy and stored with one write at the end; a change that belongs to an older
    /// page first stores what the head has so far, so the changes still apply in their order.
    /// </summary>
    public async Task ApplyAsync(ImmutableArray<AccessRequestIndexChange> changes, CancellationToken cancellationToken = default)
    {
        if (!IsShard)
        {
            await Task.WhenAll(changes.GroupBy(c => AccessRequestIndexKeys.ShardOf(this.GetPrimaryKeyString(), c.AccessRequestId))
                .Select(shard => GrainFactory.GetGrain<IAccessRequestIndexGrain>(shard.Key).ApplyAsync([.. shard], cancellationToken)));
            return;
        }

        var head = new List<AccessRequestIndexEntry>(state.State.Entries);
        var headChanged = false;
        foreach (var change in changes)
        {
            if (ChangeHead(head, change) is { } changed)
            {
                headChanged |= changed;
                continue;
            }

            if (headChanged)
            {
                await StoreHeadAsync(head, cancellationToken);
                headChanged = false;
            }

            await ApplyToPagesAsync(change, cancellationToken);
            head = new List<AccessRequestIndexEntry>(state.State.Entries);
        }

        if (headChanged || head.Count > EntriesPerPage)
        {
            await StoreHeadAsync(head, cancellationToken);
        }
    }

    /// <exception cref="ArgumentException">The cursor was not produced by this index.</exception>
    public async Task<AccessRequestPage> PageAsync(int first, string? after, CancellationToken cancellationToken = default)
    {
        AccessRequestIndexEntry? position = null;
        if (!string.IsNullOrEmpty(after) && !AccessRequestCursor.TryDecode(after, out position))
        {
            throw new ArgumentException("The cursor is not valid.", nameof(after));
        }

        var take = Math.Clamp(first, 1, InputLimits.MaxPageSize);
        if (IsShard)
        {
            return await ShardPageAsync(take, position, cancellationToken);
        }

        // Each shard's first page after the cursor; the merged order's first entries are among them.
        var pages = await Task.WhenAll(Enumerable.Range(0, AccessRequestIndexKeys.ShardCount).Select(shard =>
            GrainFactory.GetGrain<IAccessRequestIndexGrain>(AccessRequestIndexKeys.ShardKey(this.GetPrimaryKeyString(), shard))
                .PageAsync(take, after, cancellationToken)));
        var merged = pages
            .SelectMany(p => p.Ids.Zip(p.CreatedAt, (id, createdAt) => new AccessRequestIndexEntry(id, createdAt)))
            .Order(AccessRequestIndexOrder.Instance)
            .ToList();
        var page = merged.Take(take).ToList();
        var hasNextPage = merged.Count > take || pages.Any(p => p.HasNextPage);
        return ToPage(page, hasNextPage, pages.Sum(p => p.TotalCount));
    }

    private IAccessRequestIndexPageGrain PageGrain(long number) =>
        GrainFactory.GetGrain<IAccessRequestIndexPageGrain>(AccessRequestIndexKeys.PageKey(this.GetPrimaryKeyString(), number));

    private static AccessRequestPage ToPage(List<AccessRequestIndexEntry> page, bool hasNextPage, int totalCount) =>
        new([.. page.Select(e => e.Id)], hasNextPage, page.Count > 0 ? AccessRequestCursor.Encode(page[^1]) : null, totalCount,
            [.. page.Select(e => e.CreatedAt)]);

    /// <summary>The page whose range holds the position: its index in <see cref="Pages"/>, or -1 for the head.</summary>
    private int PageOf(AccessRequestIndexEntry position)
    {
        int low = 0, high = Pages.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (AccessRequestIndexOrder.Instance.Compare(Pages[middle].From, position) <= 0)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    /// <summary>Where the range of page <paramref name="page"/> (-1 for the head) ends: the next page's first position.</summary>
    private AccessRequestIndexEntry? EndOf(int page) => page + 1 < Pages.Count ? Pages[page + 1].From : null;

    /// <summary>
    /// Applies the change to <paramref name="head"/> (a copy of the head's entries) when it belongs to the head:
    /// whether it changed it, or null when the change belongs to an older page.
    /// </summary>
    private bool? ChangeHead(List<AccessRequestIndexEntry> head, AccessRequestIndexChange change)
    {
        if (change.CreatedAt is not { } createdAt)
        {
            return head.RemoveAll(e => e.Id == change.AccessRequestId) > 0 ? true : Pages.Count == 0 ? false : null;
        }

        var entry = new AccessRequestIndexEntry(change.AccessRequestId, createdAt);
        if (PageOf(entry) >= 0)
        {
            return null;
        }

        return change.IsRemoval ? head.RemoveAll(e => e.Id == entry.Id) > 0 : AccessRequestIndexEntries.Add(head, entry);
    }

    /// <summary>A change that the head does not hold: to the page of its position, or (a removal without one) to every page.</summary>
    private async Task ApplyToPagesAsync(AccessRequestIndexChange change, CancellationToken cancellationToken)
    {
        if (change.CreatedAt is not { } createdAt)
        {
            var counts = await Task.WhenAll(Pages.Select(async (info, page) =>
                (info.Number, await PageGrain(info.Number).RemoveAsync(change.AccessRequestId, EndOf(page), cancellationToken))));
            await SetCountsAsync(counts, cancellationToken);
            return;
        }

        var entry = new AccessRequestIndexEntry(change.AccessRequestId, createdAt);
        var page = PageOf(entry);
        var info = Pages[page];
        if (change.IsRemoval)
        {
            await SetCountsAsync([(info.Number, await PageGrain(info.Number).RemoveAsync(entry.Id, EndOf(page), cancellationToken))], cancellationToken);
            return;
        }

        if (await PageGrain(info.Number).AddAsync(entry, EndOf(page), EntriesPerPage, cancellationToken) is { } stored)
        {
            await SetCountsAsync([(info.Number, stored)], cancellationToken);
            return;
        }

        await SplitPageAsync(page, entry, cancellationToken);
    }

    /// <summary>Records the pages' counts as they reported them; a page that emptied leaves the chain.</summary>
    private async Task SetCountsAsync(IReadOnlyCollection<(long Number, int Count)> counts, CancellationToken cancellationToken)
    {
        var changed = false;
        foreach (var (number, count) in counts)
        {
            var page = Pages.FindIndex(p => p.Number == number);
            if (page < 0 || Pages[page].Count == count)
            {
                continue;
            }

            if (count == 0)
            {
                Pages.RemoveAt(page);
            }
            else
            {
                Pages[page] = Pages[page] with { Count = count };
            }

            changed = true;
        }

        if (changed)
        {
            await state.WriteOrReloadAsync(this, cancellationToken);
        }
    }

    /// <summary>Stores the head's entries; those past the limit go first to new pages right after the head.</summary>
    private async Task StoreHeadAsync(List<AccessRequestIndexEntry> entries, CancellationToken cancellationToken)
    {
        var (keep, moved) = await MoveOutAsync(entries, cancellationToken);
        state.State.Entries = keep;
        state.State.Pages.InsertRange(0, moved);
        state.State.NextPageNumber += moved.Count;
        await state.WriteOrReloadAsync(this, cancellationToken);
    }

    /// <summary>Page <paramref name="page"/> is full: its entries and the new one are spread over it and new pages after it.</summary>
    private async Task SplitPageAsync(int page, AccessRequestIndexEntry entry, CancellationToken cancellationToken)
    {
        var info = Pages[page];
        var held = await PageGrain(info.Number).ReadAsync(null, int.MaxValue, EndOf(page), cancellationToken);
        var entries = new List<AccessRequestIndexEntry>(held.Entries);
        AccessRequestIndexEntries.Add(entries, entry);
        var (keep, moved) = await MoveOutAsync(entries, cancellationToken);

        // The head narrows the page's range before the page lets go of what moved: a page never misses an entry.
        Pages[page] = info with { Count = keep.Count };
        Pages.InsertRange(page + 1, moved);
        state.State.NextPageNumber += moved.Count;
        await state.WriteOrReloadAsync(this, cancellationToken);
        await PageGrain(info.Number).ReplaceAsync([.. keep], cancellationToken);
    }

    /// <summary>
    /// Keeps the newest half of <paramref name="entries"/> when they pass the limit and stores the rest in new pages
    /// (numbered from <see cref="AccessRequestIndexState.NextPageNumber"/>, in the index order), returning what the
    /// head is to record for them. A failure before the head records them leaves unreferenced pages that the next
    /// page-out overwrites.
    /// </summary>
    private async Task<(List<AccessRequestIndexEntry> Keep, List<AccessRequestIndexPageInfo> Moved)> MoveOutAsync(
        List<AccessRequestIndexEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count <= EntriesPerPage)
        {
            return (entries, []);
        }

        var keepCount = (EntriesPerPage + 1) / 2;
        var rest = entries.Count - keepCount;
        var pageCount = (rest + EntriesPerPage - 1) / EntriesPerPage;
        var chunks = new List<List<AccessRequestIndexEntry>>(pageCount);
        for (int i = 0, start = keepCount; i < pageCount; i++)
        {
            var size = (rest / pageCount) + (i < rest % pageCount ? 1 : 0);
            chunks.Add(entries.GetRange(start, size));
            start += size;
        }

        var first = state.State.NextPageNumber;
        await Task.WhenAll(chunks.Select((chunk, i) => PageGrain(first + i).ReplaceAsync([.. chunk], cancellationToken)));
        return (entries.GetRange(0, keepCount), [.. chunks.Select((chunk, i) => new AccessRequestIndexPageInfo(first + i, chunk[0], chunk.Count))]);
    }

    private async Task<AccessRequestPage> ShardPageAsync(int take, AccessRequestIndexEntry? position, CancellationToken cancellationToken)
    {
        var entries = new List<AccessRequestIndexEntry>(take);
        var hasMore = false;
        var page = position is null ? -1 : PageOf(position);
        for (; page < Pages.Count && entries.Count < take; page++)
        {
            var slice = page < 0
                ? AccessRequestIndexEntries.Slice(state.State.Entries, position, take - entries.Count, EndOf(page))
                : await PageGrain(Pages[page].Number).ReadAsync(position, take - entries.Count, EndOf(page), cancellationToken);
            entries.AddRange(slice.Entries);
            hasMore = slice.HasMore;
        }

        var hasNextPage = hasMore || Pages.Skip(Math.Max(page, 0)).Any(p => p.Count > 0);
        return ToPage(entries, hasNextPage, state.State.Entries.Count + Pages.Sum(p => p.Count));
    }
}
