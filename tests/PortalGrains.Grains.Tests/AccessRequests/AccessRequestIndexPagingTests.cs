using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Grains.AccessRequests;
using PortalGrains.Grains.Tests.Support;

namespace PortalGrains.Grains.Tests.AccessRequests;

/// <summary>
/// An index shard is a chain of pages of at most <see cref="CappedClusterFixture.EntriesPerIndexPage"/> entries (5 here):
/// filled far past that, every stored page stays within it and listings stay complete and in order.
/// </summary>
public sealed class AccessRequestIndexPagingTests(CappedClusterFixture fixture) : IClassFixture<CappedClusterFixture>
{
    private const int PageLimit = CappedClusterFixture.EntriesPerIndexPage;
    private static readonly DateTimeOffset T0 = new(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_shard_filled_past_several_pages_keeps_every_stored_page_within_the_limit_and_lists_every_entry_in_order()
    {
        var (key, shard) = NewShard();
        var random = new Random(7);
        var added = Enumerable.Range(0, 37)
            .Select(i => new AccessRequestIndexEntry($"r{i:D2}", T0.AddSeconds(i / 2))) // pairs share a time
            .OrderBy(_ => random.Next())
            .ToList();
        foreach (var entry in added)
        {
            await shard.AddAsync(entry.Id, entry.CreatedAt);
        }

        var expected = added.Order(AccessRequestIndexOrder.Instance).Select(e => e.Id).ToList();
        var chain = await StoredChainAsync(key);
        Assert.True(chain.Pages >= 3, $"{chain.Pages} pages");
        Assert.Equal(expected, chain.Ids);
        foreach (var first in new[] { 3, 4, 200 })
        {
            Assert.Equal(expected, await ListAllAsync(shard, first, expected.Count));
        }
    }

    [Fact]
    public async Task Entries_paged_out_long_ago_can_be_removed_and_the_shard_still_takes_new_and_old_entries()
    {
        var (key, shard) = NewShard();
        var entries = Enumerable.Range(0, 30).Select(i => new AccessRequestIndexEntry($"r{i:D2}", T0.AddSeconds(i))).ToList();
        foreach (var entry in entries)
        {
            await shard.AddAsync(entry.Id, entry.CreatedAt);
        }

        Assert.DoesNotContain("r00", (await fixture.StoredStateAsync<AccessRequestIndexState>("accessRequestIndex", shard)).Entries.Select(e => e.Id));

        // The oldest, a whole old page's worth, and one by id only.
        foreach (var entry in entries.Take(6))
        {
            await shard.RemoveAsync(entry.Id, entry.CreatedAt);
        }

        await shard.RemoveAsync("r12");
        await shard.RemoveAsync("r12", T0.AddSeconds(12));
        await shard.RemoveAsync("never-added", T0.AddSeconds(3));
        await shard.AddAsync("r20", T0.AddSeconds(20));

        // New requests, and old ones that land in (and split) paged-out pages.
        for (var i = 30; i < 36; i++)
        {
            await shard.AddAsync($"r{i:D2}", T0.AddSeconds(i));
        }

        foreach (var late in new[] { "o1", "o2", "o3", "o4", "o5", "o6" })
        {
            await shard.AddAsync(late, T0.AddSeconds(8));
        }

        var expected = Enumerable.Range(6, 30).Where(i => i != 12).Select(i => (Id: $"r{i:D2}", At: T0.AddSeconds(i)))
            .Concat(new[] { "o1", "o2", "o3", "o4", "o5", "o6" }.Select(id => (Id: id, At: T0.AddSeconds(8))))
            .Select(e => new AccessRequestIndexEntry(e.Id, e.At))
            .Order(AccessRequestIndexOrder.Instance)
            .Select(e => e.Id)
            .ToList();
        Assert.Equal(expected, (await StoredChainAsync(key)).Ids);
        Assert.Equal(expected, await ListAllAsync(shard, 4, expected.Count));
    }

    [Fact]
    public async Task A_cursor_keeps_its_place_while_newer_entries_page_the_older_ones_out()
    {
        var (key, shard) = NewShard();
        for (var i = 0; i < 10; i++)
        {
            await shard.AddAsync($"r{i:D2}", T0.AddSeconds(i));
        }

        var first = await shard.PageAsync(4, null);
        for (var i = 10; i < 30; i++)
        {
            await shard.AddAsync($"r{i:D2}", T0.AddSeconds(i));
        }

        var next = await shard.PageAsync(100, first.EndCursor);

        Assert.Equal(["r09", "r08", "r07", "r06"], first.Ids.ToArray());
        Assert.Equal(["r05", "r04", "r03", "r02", "r01", "r00"], next.Ids.ToArray());
        Assert.False(next.HasNextPage);
        Assert.Equal(30, next.TotalCount);
        Assert.Equal(30, (await StoredChainAsync(key)).Ids.Count);
    }

    [Fact]
    public async Task The_index_merges_shards_that_paged_out_into_one_complete_listing()
    {
        var index = fixture.Client.GetGrain<IAccessRequestIndexGrain>(TestIds.New("index"));
        var entries = Enumerable.Range(0, 120).Select(i => new AccessRequestIndexEntry($"r{i:D3}", T0.AddSeconds(i % 50))).ToList();
        foreach (var entry in entries)
        {
            await index.AddAsync(entry.Id, entry.CreatedAt);
        }

        var expected = entries.Order(AccessRequestIndexOrder.Instance).Select(e => e.Id).ToList();
        Assert.Equal(expected, await ListAllAsync(index, 7, expected.Count));
    }

    [Fact]
    public async Task A_request_decided_after_its_shard_paged_it_out_leaves_its_status_index()
    {
        var admin = TestIds.Admin();
        var owner = TestIds.Developer();
        var pending = AccessRequestIndexKeys.For(AccessRequestStatus.Pending);
        var ids = new List<string>();
        string? shardKey = null;
        while (ids.Count < 2 * PageLimit)
        {
            var id = TestIds.New("request");
            var shardOfId = AccessRequestIndexKeys.ShardOf(pending, id);
            if (shardKey is null || shardOfId == shardKey)
            {
                shardKey = shardOfId;
                ids.Add(id);
            }
        }

        foreach (var id in ids)
        {
            await fixture.Client.GetGrain<IAccessRequestGrain>(id).CreateAsync(RequestSamples.Draft(owner));
        }

        var head = await fixture.StoredStateAsync<AccessRequestIndexState>(
            "accessRequestIndex", fixture.Client.GetGrain<IAccessRequestIndexGrain>(shardKey!));
        Assert.DoesNotContain(ids[0], head.Entries.Select(e => e.Id));

        Assert.True((await fixture.Client.GetGrain<IAccessRequestGrain>(ids[0]).RejectAsync(admin, "old")).Succeeded);

        await RequestSamples.AssertListedOnlyUnderAsync(fixture.Client, ids[0], AccessRequestStatus.Rejected);
        Assert.True(await IndexProbe.ContainsAsync(fixture.Client, pending, ids[1]));
    }

    [Fact]
    public async Task A_batch_of_changes_to_the_head_and_to_paged_out_pages_applies_in_its_order()
    {
        var (key, shard) = NewShard();
        var entries = Enumerable.Range(0, 20).Select(i => new AccessRequestIndexEntry($"r{i:D2}", T0.AddSeconds(i))).ToList();
        foreach (var entry in entries)
        {
            await shard.AddAsync(entry.Id, entry.CreatedAt);
        }

        Assert.DoesNotContain("r03", (await fixture.StoredStateAsync<AccessRequestIndexState>("accessRequestIndex", shard)).Entries.Select(e => e.Id));

        // New entries past the page limit, removals from the head and from old pages, an old entry added to a full
        // page, a removal by id only, and one entry added then removed within the batch.
        await shard.ApplyAsync(
        [
            AccessRequestIndexChange.Add("n1", T0.AddSeconds(30)),
            AccessRequestIndexChange.Remove("r19", T0.AddSeconds(19)),
            AccessRequestIndexChange.Remove("r03", T0.AddSeconds(3)),
            AccessRequestIndexChange.Add("n2", T0.AddSeconds(31)),
            AccessRequestIndexChange.Add("o1", T0.AddSeconds(5)),
            new AccessRequestIndexChange("r07", null, IsRemoval: true),
            AccessRequestIndexChange.Add("n3", T0.AddSeconds(32)),
            AccessRequestIndexChange.Add("n4", T0.AddSeconds(33)),
            AccessRequestIndexChange.Add("n5", T0.AddSeconds(34)),
            AccessRequestIndexChange.Add("n6", T0.AddSeconds(35)),
            AccessRequestIndexChange.Remove("n2", T0.AddSeconds(31)),
            AccessRequestIndexChange.Add("r05", T0.AddSeconds(5)),
        ]);

        var expected = entries.Where(e => e.Id is not ("r19" or "r03" or "r07"))
            .Concat([new("n1", T0.AddSeconds(30)), new("o1", T0.AddSeconds(5)), new("n3", T0.AddSeconds(32)), new("n4", T0.AddSeconds(33)),
                new("n5", T0.AddSeconds(34)), new("n6", T0.AddSeconds(35))])
            .Order(AccessRequestIndexOrder.Instance)
            .Select(e => e.Id)
            .ToList();
        Assert.Equal(expected, (await StoredChainAsync(key)).Ids);
        Assert.Equal(expected, await ListAllAsync(shard, 4, expected.Count));
    }

    private (string Key, IAccessRequestIndexGrain Shard) NewShard()
    {
        var key = AccessRequestIndexKeys.ShardKey(TestIds.New("index"), 0);
        return (key, fixture.Client.GetGrain<IAccessRequestIndexGrain>(key));
    }

    /// <summary>
    /// The ids the shard's stored head and pages hold, in chain order, checking that every stored page is within the
    /// limit, holds what the head counts for it, and only entries of its range.
    /// </summary>
    private async Task<(List<string> Ids, int Pages)> StoredChainAsync(string key)
    {
        var head = await fixture.StoredStateAsync<AccessRequestIndexState>("accessRequestIndex", fixture.Client.GetGrain<IAccessRequestIndexGrain>(key));
        Assert.InRange(head.Entries.Count, 0, PageLimit);
        var ids = head.Entries.Select(e => e.Id).ToList();
        var previousLast = head.Entries.LastOrDefault();
        foreach (var info in head.Pages)
        {
            var page = await fixture.StoredStateAsync<AccessRequestIndexPageState>(
                "accessRequestIndexPage", fixture.Client.GetGrain<IAccessRequestIndexPageGrain>(AccessRequestIndexKeys.PageKey(key, info.Number)));
            Assert.InRange(page.Entries.Count, 1, PageLimit);
            Assert.Equal(info.Count, page.Entries.Count);
            Assert.True(AccessRequestIndexOrder.Instance.Compare(info.From, page.Entries[0]) <= 0, "a page holds only its range");
            Assert.True(previousLast is null || AccessRequestIndexOrder.Instance.Compare(previousLast, page.Entries[0]) < 0, "pages are in order");
            ids.AddRange(page.Entries.Select(e => e.Id));
            previousLast = page.Entries[^1];
        }

        return (ids, head.Pages.Count);
    }

    /// <summary>Pages through the whole listing <paramref name="first"/> at a time, checking every page's total and next flag.</summary>
    private static async Task<List<string>> ListAllAsync(IAccessRequestIndexGrain index, int first, int total)
    {
        var ids = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await index.PageAsync(first, after);
            ids.AddRange(page.Ids);
            Assert.Equal(total, page.TotalCount);
            Assert.Equal(ids.Count < total, page.HasNextPage);
            Assert.True(page.Ids.Length == Math.Min(first, total - (ids.Count - page.Ids.Length)), "full pages until the last");
            if (!page.HasNextPage)
            {
                return ids;
            }

            after = page.EndCursor;
        }
    }
}
