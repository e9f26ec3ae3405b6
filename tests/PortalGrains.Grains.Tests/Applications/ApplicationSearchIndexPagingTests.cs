using PortalGrains.Abstractions.Applications;
using PortalGrains.Grains.AccessRequests;
using PortalGrains.Grains.Applications;
using PortalGrains.Grains.Tests.Support;

namespace PortalGrains.Grains.Tests.Applications;

/// <summary>
/// A search index shard is a chain of pages of at most <see cref="CappedClusterFixture.EntriesPerIndexPage"/> entries
/// (5 here): filled far past that, every stored page stays within it, and searches stay complete and newest first.
/// </summary>
public sealed class ApplicationSearchIndexPagingTests(CappedClusterFixture fixture) : IClassFixture<CappedClusterFixture>
{
    private const int PageLimit = CappedClusterFixture.EntriesPerIndexPage;
    private static readonly DateTimeOffset T0 = new(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_shard_filled_past_several_pages_stays_within_the_limit_and_finds_every_match_in_order()
    {
        var (key, shard) = NewShard();
        var random = new Random(11);
        var added = Enumerable.Range(0, 37).Select(i => Entry(i, i % 3 == 0 ? $"Blue app {i}" : $"app {i}")).OrderBy(_ => random.Next()).ToList();
        foreach (var entry in added)
        {
            await shard.UpsertAsync(entry);
        }

        var newestFirst = added.OrderBy(Position, AccessRequestIndexOrder.Instance).Select(e => e.Id).ToList();
        var chain = await StoredChainAsync(key);
        Assert.True(chain.Pages >= 3, $"{chain.Pages} pages");
        Assert.Equal(newestFirst, chain.Ids);
        Assert.Equal(newestFirst, await SearchAllAsync(shard, null, 4));
        var blue = added.Where(e => e.Name.StartsWith("Blue", StringComparison.Ordinal))
            .OrderBy(Position, AccessRequestIndexOrder.Instance).Select(e => e.Id).ToList();
        Assert.Equal(blue, await SearchAllAsync(shard, "BLUE", 2));
        Assert.Equal(["a07"], await SearchAllAsync(shard, "owner-a07", 2));
    }

    [Fact]
    public async Task An_old_entry_paged_out_long_ago_is_changed_and_removed_in_its_page()
    {
        var (key, shard) = NewShard();
        for (var i = 0; i < 30; i++)
        {
            await shard.UpsertAsync(Entry(i, $"app {i}"));
        }

        await shard.UpsertAsync(Entry(2, "renamed") with { ClientIds = ["client-of-a02"] });
        await shard.RemoveAsync("a03", Entry(3, "").CreatedAt);
        await shard.RemoveAsync("never-added", T0.AddSeconds(4));

        Assert.Equal(["a02"], await SearchAllAsync(shard, "client-of-a02", 3));
        Assert.Equal(["a02"], await SearchAllAsync(shard, "renamed", 3));
        Assert.DoesNotContain("a02", await SearchAllAsync(shard, "app 2", 3));
        Assert.Empty(await SearchAllAsync(shard, "a03", 3));
        Assert.Equal(29, (await StoredChainAsync(key)).Ids.Count);
    }

    [Fact]
    public async Task The_index_merges_its_shards_newest_first()
    {
        var index = fixture.Client.GetGrain<IApplicationSearchIndexGrain>(IApplicationSearchIndexGrain.Key);
        var word = TestIds.New("word");
        var entries = Enumerable.Range(0, 40).Select(i => Entry(i, $"{word} {i}") with { Id = TestIds.New("app") }).ToList();
        foreach (var entry in entries)
        {
            await index.UpsertAsync(entry);
        }

        var expected = entries.OrderBy(Position, AccessRequestIndexOrder.Instance).Select(e => e.Id).ToList();
        Assert.Equal(expected, await SearchAllAsync(index, word, 7));
    }

    [Fact]
    public async Task A_batch_of_changes_to_the_head_and_to_paged_out_pages_applies_in_its_order()
    {
        var (key, shard) = NewShard();
        for (var i = 0; i < 20; i++)
        {
            await shard.UpsertAsync(Entry(i, $"app {i}"));
        }

        static ApplicationSearchIndexChange Upsert(ApplicationSearchEntry entry) => new(entry.Id, entry.CreatedAt, entry);
        static ApplicationSearchIndexChange Remove(ApplicationSearchEntry entry) => new(entry.Id, entry.CreatedAt, null);
        await shard.ApplyAsync(
        [
            Upsert(Entry(40, "new 40")),
            Upsert(Entry(2, "renamed old")),
            Remove(Entry(19, "")),
            Upsert(Entry(41, "new 41")),
            Remove(Entry(4, "")),
            Upsert(Entry(42, "new 42")),
            Upsert(Entry(43, "new 43")),
            Upsert(Entry(44, "new 44")),
            Upsert(Entry(45, "new 45")),
            Remove(Entry(41, "")),
            Upsert(Entry(40, "new 40 renamed")),
        ]);

        var expected = Enumerable.Range(0, 20).Where(i => i is not (19 or 4)).Concat([40, 42, 43, 44, 45])
            .Select(i => Entry(i, "")).OrderBy(Position, AccessRequestIndexOrder.Instance).Select(e => e.Id).ToList();
        Assert.Equal(expected, (await StoredChainAsync(key)).Ids);
        Assert.Equal(expected, await SearchAllAsync(shard, null, 4));
        Assert.Equal(["a02"], await SearchAllAsync(shard, "renamed old", 3));
        Assert.Equal(["a40"], await SearchAllAsync(shard, "new 40 renamed", 3));
    }

    private static AccessRequestIndexEntry Position(ApplicationSearchEntry entry) => new(entry.Id, entry.CreatedAt);

    private static ApplicationSearchEntry Entry(int i, string name) =>
        new($"a{i:D2}", T0.AddSeconds(i / 2), name, $"owner-a{i:D2}", null, []);

    private (string Key, IApplicationSearchIndexGrain Shard) NewShard()
    {
        var key = TestIds.New("search") + "#0";
        return (key, fixture.Client.GetGrain<IApplicationSearchIndexGrain>(key));
    }

    /// <summary>The ids the shard's stored head and pages hold, in chain order, checking every stored page against the limit.</summary>
    private async Task<(List<string> Ids, int Pages)> StoredChainAsync(string key)
    {
        var head = await fixture.StoredStateAsync<ApplicationSearchIndexState>("applicationSearchIndex", fixture.Client.GetGrain<IApplicationSearchIndexGrain>(key));
        Assert.InRange(head.Entries.Count, 0, PageLimit);
        var ids = head.Entries.Select(e => e.Id).ToList();
        foreach (var info in head.Pages)
        {
            var page = await fixture.StoredStateAsync<ApplicationSearchPageState>(
                "applicationSearchPage", fixture.Client.GetGrain<IApplicationSearchPageGrain>(ApplicationSearchIndexKeys.PageKey(key, info.Number)));
            Assert.InRange(page.Entries.Count, 1, PageLimit);
            Assert.Equal(info.Count, page.Entries.Count);
            ids.AddRange(page.Entries.Select(e => e.Id));
        }

        return (ids, head.Pages.Count);
    }

    /// <summary>Pages through everything <paramref name="search"/> finds, <paramref name="first"/> at a time, checking totals and next flags.</summary>
    private static async Task<List<string>> SearchAllAsync(IApplicationSearchIndexGrain index, string? search, int first)
    {
        var ids = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await index.SearchAsync(search, first, after);
            ids.AddRange(page.Entries.Select(e => e.Id));
            Assert.Equal(ids.Count < page.TotalCount, page.HasNextPage);
            if (!page.HasNextPage)
            {
                Assert.Equal(page.TotalCount, ids.Count);
                return ids;
            }

            Assert.Equal(first, page.Entries.Length);
            after = page.EndCursor;
        }
    }
}
