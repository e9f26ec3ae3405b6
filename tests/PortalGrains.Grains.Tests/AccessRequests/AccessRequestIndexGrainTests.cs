using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Common;
using PortalGrains.Grains.Tests.Support;

namespace PortalGrains.Grains.Tests.AccessRequests;

[Collection(ClusterCollection.Name)]
public sealed class AccessRequestIndexGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // A fresh key per test: the grain behaves the same under any key.
    private IAccessRequestIndexGrain NewIndex() => fixture.Client.GetGrain<IAccessRequestIndexGrain>(TestIds.New("index"));

    [Fact]
    public async Task Lists_newest_first()
    {
        var index = NewIndex();
        await index.AddAsync("b", T0.AddMinutes(2));
        await index.AddAsync("a", T0.AddMinutes(1));
        await index.AddAsync("c", T0.AddMinutes(3));

        var page = await index.PageAsync(10, null);

        Assert.Equal(["c", "b", "a"], page.Ids.ToArray());
        Assert.Equal(3, page.TotalCount);
        Assert.False(page.HasNextPage);
    }

    [Fact]
    public async Task Pages_with_the_cursor_until_the_end()
    {
        var index = NewIndex();
        for (var i = 0; i < 5; i++)
        {
            await index.AddAsync($"r{i}", T0.AddSeconds(i));
        }

        var first = await index.PageAsync(2, null);
        var second = await index.PageAsync(2, first.EndCursor);
        var third = await index.PageAsync(2, second.EndCursor);

        Assert.Equal(["r4", "r3"], first.Ids.ToArray());
        Assert.True(first.HasNextPage);
        Assert.Equal(["r2", "r1"], second.Ids.ToArray());
        Assert.True(second.HasNextPage);
        Assert.Equal(["r0"], third.Ids.ToArray());
        Assert.False(third.HasNextPage);
        Assert.All([first, second, third], p => Assert.Equal(5, p.TotalCount));
    }

    [Fact]
    public async Task A_cursor_stays_valid_after_its_entry_left_the_index()
    {
        var index = NewIndex();
        for (var i = 0; i < 4; i++)
        {
            await index.AddAsync($"r{i}", T0.AddSeconds(i));
        }

        var first = await index.PageAsync(2, null);
        await index.RemoveAsync("r2");
        var next = await index.PageAsync(2, first.EndCursor);

        Assert.Equal(["r3", "r2"], first.Ids.ToArray());
        Assert.Equal(["r1", "r0"], next.Ids.ToArray());
    }

    [Fact]
    public async Task Orders_entries_of_the_same_time_by_id_and_pages_through_them()
    {
        var index = NewIndex();
        await index.AddAsync("y", T0);
        await index.AddAsync("x", T0);
        await index.AddAsync("z", T0);

        var first = await index.PageAsync(1, null);
        var rest = await index.PageAsync(5, first.EndCursor);

        Assert.Equal(["x"], first.Ids.ToArray());
        Assert.Equal(["y", "z"], rest.Ids.ToArray());
    }

    [Fact]
    public async Task Adding_and_removing_are_idempotent()
    {
        var index = NewIndex();

        await index.AddAsync("a", T0);
        await index.AddAsync("a", T0);
        await index.AddAsync("b", T0.AddSeconds(1));
        await index.RemoveAsync("b");
        await index.RemoveAsync("b");
        await index.RemoveAsync("never-added");

        var page = await index.PageAsync(10, null);
        Assert.Equal(["a"], page.Ids.ToArray());
        Assert.Equal(1, page.TotalCount);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(1000, InputLimits.MaxPageSize)]
    public async Task Clamps_the_page_size(int first, int expected)
    {
        var index = NewIndex();
        for (var i = 0; i < InputLimits.MaxPageSize + 1; i++)
        {
            await index.AddAsync($"r{i:D3}", T0.AddSeconds(i));
        }

        var page = await index.PageAsync(first, null);

        Assert.Equal(expected, page.Ids.Length);
        Assert.True(page.HasNextPage);
        Assert.Equal(InputLimits.MaxPageSize + 1, page.TotalCount);
    }

    [Fact]
    public async Task An_empty_index_has_an_empty_page()
    {
        var page = await NewIndex().PageAsync(50, null);

        Assert.Empty(page.Ids);
        Assert.False(page.HasNextPage);
        Assert.Null(page.EndCursor);
        Assert.Equal(0, page.TotalCount);
    }

    [Fact]
    public async Task Refuses_a_cursor_it_did_not_produce()
    {
        var index = NewIndex();

        await Assert.ThrowsAsync<ArgumentException>(() => index.PageAsync(10, "garbage!"));
    }
}
