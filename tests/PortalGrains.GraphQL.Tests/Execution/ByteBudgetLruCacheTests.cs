using PortalGrains.GraphQL.Execution;

namespace PortalGrains.GraphQL.Tests.Execution;

public sealed class ByteBudgetLruCacheTests
{
    [Fact]
    public void Adding_past_the_budget_evicts_the_least_recently_used_entry()
    {
        var cache = new ByteBudgetLruCache<string>(300);
        cache.Set("a", "A", 100);
        cache.Set("b", "B", 100);
        cache.Set("c", "C", 100);

        cache.Set("d", "D", 100);

        Assert.False(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("b", out var b) && b == "B");
        Assert.True(cache.TryGet("d", out _));
        Assert.Equal(300, cache.TotalBytes);
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void A_recently_read_entry_survives_an_eviction()
    {
        var cache = new ByteBudgetLruCache<string>(300);
        cache.Set("a", "A", 100);
        cache.Set("b", "B", 100);
        cache.Set("c", "C", 100);
        Assert.True(cache.TryGet("a", out _));

        cache.Set("d", "D", 150);

        Assert.True(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("b", out _));
        Assert.False(cache.TryGet("c", out _));
        Assert.Equal(250, cache.TotalBytes);
    }

    [Fact]
    public void An_entry_larger_than_the_budget_is_not_kept_and_evicts_nothing()
    {
        var cache = new ByteBudgetLruCache<string>(300);
        cache.Set("a", "A", 100);

        Assert.False(cache.Set("huge", "H", 301));

        Assert.False(cache.TryGet("huge", out _));
        Assert.True(cache.TryGet("a", out _));
        Assert.Equal(100, cache.TotalBytes);
    }

    [Fact]
    public void Replacing_an_entry_counts_its_new_size_only()
    {
        var cache = new ByteBudgetLruCache<string>(300);
        cache.Set("a", "A", 100);

        cache.Set("a", "A2", 250);

        Assert.True(cache.TryGet("a", out var a) && a == "A2");
        Assert.Equal(250, cache.TotalBytes);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task The_total_stays_within_the_budget_under_concurrent_writers_and_readers()
    {
        const long budget = 10_000;
        var cache = new ByteBudgetLruCache<string>(budget);
        var maxSeen = 0L;
        using var start = new Barrier(8);

        var workers = Enumerable.Range(0, 8).Select(worker => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 5_000; i++)
            {
                var key = $"w{worker}-{i % 700}";
                if (!cache.TryGet(key, out _))
                {
                    cache.Set(key, key, 1 + ((i * 37 + worker) % 400));
                }

                var total = cache.TotalBytes;
                long seen;
                do
                {
                    seen = Interlocked.Read(ref maxSeen);
                }
                while (total > seen && Interlocked.CompareExchange(ref maxSeen, total, seen) != seen);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(workers);

        Assert.InRange(maxSeen, 1, budget);
        Assert.InRange(cache.TotalBytes, 1, budget);
        var found = 0L;
        for (var worker = 0; worker < 8; worker++)
        {
            for (var i = 0; i < 700; i++)
            {
                if (cache.TryGet($"w{worker}-{i}", out _))
                {
                    found++;
                }
            }
        }

        Assert.Equal(cache.Count, found);
    }
}
