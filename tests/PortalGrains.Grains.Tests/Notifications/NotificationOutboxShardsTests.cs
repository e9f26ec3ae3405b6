using PortalGrains.Abstractions.Notifications;

namespace PortalGrains.Grains.Tests.Notifications;

public sealed class NotificationOutboxShardsTests
{
    [Fact]
    public void The_shard_of_a_key_never_changes()
    {
        // Pinned: stored mail and its deduplication depend on this mapping staying as it is.
        Assert.Equal("outbox-6", NotificationOutboxShards.KeyFor("req-1:ACTIVE:1"));
        Assert.Equal("outbox-1", NotificationOutboxShards.KeyFor("req-2:REJECTED:1"));
        Assert.Equal("outbox-5", NotificationOutboxShards.KeyFor(""));
    }

    [Fact]
    public void Keys_spread_over_every_shard()
    {
        var counts = Enumerable.Range(0, 8000)
            .GroupBy(i => NotificationOutboxShards.KeyFor($"{Guid.NewGuid():N}:ACTIVE:1"))
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(NotificationOutboxShards.AllKeys.Order(), counts.Keys.Order());
        Assert.All(counts.Values, count => Assert.InRange(count, 700, 1300));
    }
}
