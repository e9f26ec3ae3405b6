using PortalGrains.Abstractions.Applications;
using PortalGrains.Grains.Tests.Support;
using PortalGrains.Testing;

namespace PortalGrains.Grains.Tests.Applications;

[Collection(ClusterCollection.Name)]
public sealed class PendingReconciliationsGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Work_due_years_ahead_is_listed_and_nearer_work_on_the_same_shard_still_wakes()
    {
        var far = TestIds.New("app");
        var near = SameShardAs(far);
        var index = fixture.Client.GetGrain<IPendingReconciliationsGrain>(IPendingReconciliationsGrain.ShardOf(far));
        try
        {
            // beyond what one grain timer can wait (about 49 days)
            await index.ScheduleAsync(far, DateTimeOffset.UtcNow.AddYears(2));
            await index.ScheduleAsync(near, DateTimeOffset.UtcNow.AddMilliseconds(200));

            // the woken application, which does not exist, takes itself off the index
            await Eventually.AssertAsync(async () => !(await index.ListAsync()).Contains(near), TimeSpan.FromSeconds(10),
                "the application due shortly is woken");
            Assert.Contains(far, await index.ListAsync());
        }
        finally
        {
            await index.RemoveAsync(far);
            await index.RemoveAsync(near);
        }
    }

    private static string SameShardAs(string applicationId)
    {
        var shard = IPendingReconciliationsGrain.ShardOf(applicationId);
        while (true)
        {
            var candidate = TestIds.New("app");
            if (IPendingReconciliationsGrain.ShardOf(candidate) == shard)
            {
                return candidate;
            }
        }
    }
}
