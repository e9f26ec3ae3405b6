using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Common;
using PortalGrains.Grains.AccessRequests;
using PortalGrains.Grains.Common;
using PortalGrains.Grains.Persistence;

namespace PortalGrains.Grains.Applications;

/// <summary>
/// The admin search over applications, newest first, built like the access request indexes (see
/// <see cref="AccessRequestIndexGrain"/>): <see cref="ApplicationSearchIndexKeys.ShardCount"/> shards by application id,
/// each a head page and a chain of older pages of at most <see cref="PortalLimitsOptions.EntriesPerIndexPage"/> entries,
/// each page covering a range of positions (created-at, id), so that a change touches one page. The grain of
/// <see cref="IApplicationSearchIndexGrain.Key"/> stores nothing: it forwards changes and merges the shards' results.
/// </summary>
/// <remarks>
/// A search reads the index entries, never the applications: the ids, owner and team names and client ids compare
/// whole, the name by substring, so every page of every shard is asked (in parallel) and each answers with its first
/// matches after the cursor and its count of matches.
/// </remarks>
public sealed class ApplicationSearchIndexGrain(
    [PersistentState("applicationSearchIndex")] IPersistentState<ApplicationSearchIndexState> state,
    IOptions<PortalLimitsOptions> limits) : Grain, IApplicationSearchIndexGrain
{
    private bool IsShard => ApplicationSearchIndexKeys.IsShard(this.GetPrimaryKeyString());

    private int EntriesPerPage => Math.Max(2, limits.Value.EntriesPerIndexPage);

    private List<AccessRequestIndexPageInfo> Pages => state.State.Pages;

    public Task UpsertAsync(ApplicationSearchEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return ApplyAsync([new ApplicationSearchIndexChange(entry.Id, entry.CreatedAt, entry)], cancellationToken);
    }

    public Task RemoveAsync(string applicationId, DateTimeOffset createdAt, CancellationToken cancellationToken = default) =>
        ApplyAsync([new ApplicationSearchIndexChange(applicationId, createdAt, null)], cancellationToken);

    /// <summary>
    /// Changes of the head are made on a copy and stored with one write at the end; a change that belongs to an older
    /// page first stores what the head has so far, so the changes still apply in their order.
    /// </summary>
    public async Task ApplyAsync(ImmutableArray<ApplicationSearchIndexChange> changes, CancellationToken cancellationToken = default)
    {
        if (!IsShard)
        {
            await Task.WhenAll(changes.GroupBy(c => ApplicationSearchIndexKeys.ShardOf(c.ApplicationId))
                .Select(shard => GrainFactory.GetGrain<IApplicationSearchIndexGrain>(shard.Key).ApplyAsync([.. shard], cancellationToken)));
            return;
        }

        var head = new List<ApplicationSearchEntry>(state.State.Entries);
        var headChanged = false;
        foreach (var change in changes)
        {
            var position = new AccessRequestIndexEntry(change.ApplicationId, change.CreatedAt);
            if (PageOf(position) < 0)
            {
                headChanged |= change.Entry is { } entry
                    ? ApplicationSearchEntries.Upsert(head, entry)
                    : head.RemoveAll(e => e.Id == change.ApplicationId) > 0;
                continue;
            }

            if (headChanged)
            {
                await StoreHeadAsync(head, cancellationToken);
                headChanged = false;
            }

            // after the head is stored: storing it may have moved entries to new pages before this one
            var page = PageOf(position);
            await (change.Entry is { } pageEntry ? PageUpsertAsync(page, pageEntry, cancellationToken) : PageRemoveAsync(page, position, cancellationToken));
            head = new List<ApplicationSearchEntry>(state.State.Entries);
        }

        if (headChanged || head.Count > EntriesPerPage)
        {
            await StoreHeadAsync(head, cancellationToken);
        }
    }

    public async Task<ApplicationSearchPage> SearchAsync(string? search, int first, string? after, CancellationToken cancellationToken = default)
    {
        AccessRequestIndexEntry? position = null;
        if (!string.IsNullOrEmpty(after) && !AccessRequestCursor.TryDecode(after, out position))
        {
            throw new ArgumentException("The cursor is not valid.", nameof(after));
        }

        var take = Math.Clamp(first, 1, InputLimits.MaxPageSize);
        if (IsShard)
        {
            return await ShardSearchAsync(search, take, position, cancellationToken);
        }

        // Each shard's first matches after the cursor; the merged order's first entries are among them.
        var pages = await Task.WhenAll(Enumerable.Range(0, ApplicationSearchIndexKeys.ShardCount).Select(shard =>
            GrainFactory.GetGrain<IApplicationSearchIndexGrain>(ApplicationSearchIndexKeys.ShardKey(shard))
                .SearchAsync(search, take, after, cancellationToken)));
        var merged = pages.SelectMany(p => p.Entries).OrderBy(ApplicationSearchEntries.PositionOf, AccessRequestIndexOrder.Instance).ToList();
        return ToPage([.. merged.Take(take)], merged.Count > take || pages.Any(p => p.HasNextPage), pages.Sum(p => p.TotalCount));
    }

    private IApplicationSearchPageGrain PageGrain(long number) =>
        GrainFactory.GetGrain<IApplicationSearchPageGrain>(ApplicationSearchIndexKeys.PageKey(this.GetPrimaryKeyString(), number));

    private static ApplicationSearchPage ToPage(List<ApplicationSearchEntry> page, bool hasNextPage, int totalCount) =>
        new([.. page], hasNextPage, page.Count > 0 ? AccessRequestCursor.Encode(ApplicationSearchEntries.PositionOf(page[^1])) : null, totalCount);

    /// <summary>The page whose range holds the position: its index in <see cref="Pages"/>, or -1 for the head.</summary>
    private int PageOf(AccessRequestIndexEntry position) =>
        Pages.FindLastIndex(p => AccessRequestIndexOrder.Instance.Compare(p.From, position) <= 0);

    /// <summary>Where the range of page <paramref name="page"/> (-1 for the head) ends: the next page's first position.</summary>
    private AccessRequestIndexEntry? EndOf(int page) => page + 1 < Pages.Count ? Pages[page + 1].From : null;

    private async Task PageUpsertAsync(int page, ApplicationSearchEntry entry, CancellationToken cancellationToken)
    {
        var info = Pages[page];
        if (await PageGrain(info.Number).UpsertAsync(entry, EndOf(page), EntriesPerPage, cancellationToken) is { } stored)
        {
            await SetCountAsync(info.Number, stored, cancellationToken);
            return;
        }

        // The page is full: its entries and the new one are spread over it and new pages after it. The head narrows the
        // page's range before the page lets go of what moved, so a page never misses an entry.
        var entriesOfPage = new List<ApplicationSearchEntry>(await PageGrain(info.Number).ReadAsync(EndOf(page), cancellationToken));
        ApplicationSearchEntries.Upsert(entriesOfPage, entry);
        var (keep, moved) = await MoveOutAsync(entriesOfPage, cancellationToken);
        Pages[page] = info with { Count = keep.Count };
        Pages.InsertRange(page + 1, moved);
        state.State.NextPageNumber += moved.Count;
        await state.WriteOrReloadAsync(this, cancellationToken);
        await PageGrain(info.Number).ReplaceAsync([.. keep], cancellationToken);
    }

    private async Task PageRemoveAsync(int page, AccessRequestIndexEntry position, CancellationToken cancellationToken)
    {
        var number = Pages[page].Number;
        await SetCountAsync(number, await PageGrain(number).RemoveAsync(position.Id, EndOf(page), cancellationToken), cancellationToken);
    }

    /// <summary>Records a page's count as it reported it; a page that emptied leaves the chain (its range joins the one before).</summary>
    private async Task SetCountAsync(long number, int count, CancellationToken cancellationToken)
    {
        var page = Pages.FindIndex(p => p.Number == number);
        if (page < 0 || Pages[page].Count == count)
        {
            return;
        }

        if (count == 0)
        {
            Pages.RemoveAt(page);
        }
        else
        {
            Pages[page] = Pages[page] with { Count = count };
        }

        await state.WriteOrReloadAsync(this, cancellationToken);
    }

    /// <summary>Stores the head's entries; those past the limit go first to new pages right after the head.</summary>
    private async Task StoreHeadAsync(List<ApplicationSearchEntry> entries, CancellationToken cancellationToken)
    {
        var (keep, moved) = await MoveOutAsync(entries, cancellationToken);
        state.State.Entries = keep;
        Pages.InsertRange(0, moved);
        state.State.NextPageNumber += moved.Count;
        await state.WriteOrReloadAsync(this, cancellationToken);
    }

    /// <summary>
    /// Keeps the newest half of <paramref name="entries"/> when they pass the limit and stores the rest in new pages
    /// (numbered from <see cref="ApplicationSearchIndexState.NextPageNumber"/>), returning what the head is to record for
    /// them. A failure before the head records them leaves unreferenced pages that the next page-out overwrites.
    /// </summary>
    private async Task<(List<ApplicationSearchEntry> Keep, List<AccessRequestIndexPageInfo> Moved)> MoveOutAsync(
        List<ApplicationSearchEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count <= EntriesPerPage)
        {
            return (entries, []);
        }

        var keepCount = (EntriesPerPage + 1) / 2;
        var chunks = entries.Skip(keepCount).Chunk(EntriesPerPage).ToList();
        var first = state.State.NextPageNumber;
        await Task.WhenAll(chunks.Select((chunk, i) => PageGrain(first + i).ReplaceAsync([.. chunk], cancellationToken)));
        return (entries.GetRange(0, keepCount),
            [.. chunks.Select((chunk, i) => new AccessRequestIndexPageInfo(first + i, ApplicationSearchEntries.PositionOf(chunk[0]), chunk.Length))]);
    }

    private async Task<ApplicationSearchPage> ShardSearchAsync(
        string? search, int take, AccessRequestIndexEntry? position, CancellationToken cancellationToken)
    {
        var head = ApplicationSearchEntries.Search(state.State.Entries, search, position, take, EndOf(-1));
        var pages = await Task.WhenAll(Pages.Select((info, page) =>
            PageGrain(info.Number).SearchAsync(search, position, take, EndOf(page), cancellationToken)));
        var slices = pages.Prepend(head).ToList();
        var entries = slices.SelectMany(s => s.Entries).Take(take).ToList();
        return ToPage(entries, slices.Sum(s => s.CountAfter) > take, slices.Sum(s => s.TotalCount));
    }
}
