using PortalGrains.Abstractions.Applications;
using PortalGrains.Grains.Applications;
using PortalGrains.Grains.Tests.Support;
using PortalGrains.Testing;

namespace PortalGrains.Grains.Tests.Applications;

/// <summary>A removal from the pending-work index is stored with the shard's next write, or when the shard deactivates.</summary>
public sealed class PendingRemovalStorageTests(CappedClusterFixture fixture) : IClassFixture<CappedClusterFixture>
{
    private static readonly DateTimeOffset FarAhead = new(2040, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_removal_is_listed_at_once_and_stored_with_the_next_schedule()
    {
        var shard = fixture.Client.GetGrain<IPendingReconciliationsGrain>(TestIds.New("pending"));
        await shard.ScheduleAsync("a", FarAhead);
        await shard.ScheduleAsync("b", FarAhead);

        await shard.RemoveAsync("a");
        Assert.Equal(["b"], (await shard.ListAsync()).ToArray());
        Assert.Equal(["a", "b"], (await StoredAsync(shard)).DueAt.Keys.Order());

        await shard.ScheduleAsync("c", FarAhead);
        Assert.Equal(["b", "c"], (await StoredAsync(shard)).DueAt.Keys.Order());
    }

    [Fact]
    public async Task Removals_not_yet_stored_are_stored_when_the_shard_deactivates()
    {
        var shard = fixture.Client.GetGrain<IPendingReconciliationsGrain>(TestIds.New("pending"));
        await shard.ScheduleAsync("a", FarAhead);
        await shard.RemoveAsync("a");
        Assert.Equal(["a"], (await StoredAsync(shard)).DueAt.Keys);

        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        await Eventually.AssertAsync(async () => (await StoredAsync(shard)).DueAt.Count == 0, TimeSpan.FromSeconds(10),
            "the removal is stored at deactivation");
        Assert.Empty(await shard.ListAsync());
    }

    private Task<PendingReconciliationsState> StoredAsync(IPendingReconciliationsGrain shard) =>
        fixture.StoredStateAsync<PendingReconciliationsState>("pendingReconciliations", shard);
}
