using PortalGrains.Grains.Gateway;
using PortalGrains.Grains.Tests.Support;

namespace PortalGrains.Grains.Tests.Gateway;

public sealed class ExpiringCacheTests
{
    private readonly ManualTimeProvider _clock = new();

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
    public void Concurrent_writers_keep_the_cache_near_its_capacity()
    {
        var cache = new ExpiringCache<int>(1000, _clock);
        Parallel.For(0, 20_000, i => cache.Set("k" + i, i, _clock.GetUtcNow().AddMinutes(1 + (i % 7))));

        Assert.InRange(cache.Count, 1, 1000 + Environment.ProcessorCount);
    }
}
