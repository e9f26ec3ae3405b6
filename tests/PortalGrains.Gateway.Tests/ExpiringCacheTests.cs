using Microsoft.Extensions.Time.Testing;

namespace PortalGrains.Gateway.Tests;

public sealed class ExpiringCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_entry_is_served_until_it_expires_and_then_dropped()
    {
        var cache = new ExpiringCache<string>(10, _clock);
        cache.Set("k", "v", _clock.GetUtcNow().AddSeconds(10));

        Assert.True(cache.TryGet("k", out var value));
        Assert.Equal("v", value);
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.False(cache.TryGet("k", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void An_already_expired_entry_is_not_stored_and_a_new_value_replaces_the_old()
    {
        var cache = new ExpiringCache<string>(10, _clock);
        cache.Set("gone", "v", _clock.GetUtcNow());
        cache.Set("k", "old", _clock.GetUtcNow().AddMinutes(1));
        cache.Set("k", "new", _clock.GetUtcNow().AddMinutes(1));

        Assert.False(cache.TryGet("gone", out _));
        Assert.True(cache.TryGet("k", out var value));
        Assert.Equal("new", value);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void A_full_cache_drops_expired_entries_then_those_expiring_soonest()
    {
        var cache = new ExpiringCache<int>(100, _clock);
        for (var i = 0; i < 100; i++)
        {
            cache.Set("k" + i, i, _clock.GetUtcNow().AddSeconds(1000 + i));
        }

        cache.Set("late", -1, _clock.GetUtcNow().AddSeconds(5000));

        Assert.InRange(cache.Count, 80, 100);
        Assert.True(cache.TryGet("late", out _));
        Assert.True(cache.TryGet("k99", out _));
        Assert.False(cache.TryGet("k0", out _));
    }

    [Fact]
    public void Concurrent_writers_never_take_the_cache_beyond_its_capacity()
    {
        const int capacity = 1000;
        const int writers = 16;
        const int keysPerWriter = 5000;
        var cache = new ExpiringCache<int>(capacity, _clock);
        using var start = new Barrier(writers);
        var largestSeen = new int[writers];

        var threads = Enumerable.Range(0, writers).Select(w => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < keysPerWriter; i++)
            {
                cache.Set($"w{w}-k{i}", i, _clock.GetUtcNow().AddMinutes(1 + (i % 7)));
                largestSeen[w] = Math.Max(largestSeen[w], cache.Count);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.All(largestSeen, seen => Assert.InRange(seen, 1, capacity));
        Assert.InRange(cache.Count, 1, capacity);
        var stored = Enumerable.Range(0, writers)
            .Sum(w => Enumerable.Range(0, keysPerWriter).Count(i => cache.TryGet($"w{w}-k{i}", out _)));
        Assert.InRange(stored, 1, capacity);
    }

    [Fact]
    public void A_writer_that_finds_the_cache_full_while_another_evicts_does_not_overfill_it()
    {
        var clock = new PausingTimeProvider();
        var cache = new ExpiringCache<int>(100, clock);
        for (var i = 0; i < 100; i++)
        {
            cache.Set("k" + i, i, clock.GetUtcNow().AddMinutes(10));
        }

        var later = clock.GetUtcNow().AddMinutes(20);

        // The next writer reads the clock once on entry and once more when it starts evicting: hold it there.
        clock.PauseAtRead(2);
        var evicting = new Thread(() => cache.Set("first", -1, later));
        evicting.Start();
        clock.WaitUntilPaused();

        for (var i = 0; i < 50; i++)
        {
            cache.Set("while-evicting" + i, i, later);
            Assert.InRange(cache.Count, 0, 100);
        }

        clock.Resume();
        evicting.Join();

        Assert.InRange(cache.Count, 80, 100);
        Assert.True(cache.TryGet("first", out _));
    }
}
