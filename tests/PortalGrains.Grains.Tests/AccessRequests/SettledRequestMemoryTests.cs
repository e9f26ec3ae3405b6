using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Grains.Tests.Applications;
using PortalGrains.Grains.Tests.Support;
using PortalGrains.Testing;

namespace PortalGrains.Grains.Tests.AccessRequests;

/// <summary>A settled access request leaves memory when its call is done; one still waiting for a decision stays.</summary>
public sealed class SettledRequestMemoryTests(CollectingCluster cluster) : IClassFixture<CollectingCluster>
{
    [Fact]
    public async Task A_settled_request_leaves_memory_and_reads_back_the_same_while_a_pending_one_stays()
    {
        var pending = cluster.Client.GetGrain<IAccessRequestGrain>(TestIds.New("request"));
        await pending.CreateAsync(RequestSamples.Draft(TestIds.Developer()));
        var settled = cluster.Client.GetGrain<IAccessRequestGrain>(TestIds.New("request"));
        await settled.CreateAsync(RequestSamples.Draft(TestIds.Developer()));
        Assert.Equal(2, await cluster.ActivationsAsync("AccessRequestGrain"));

        // its application does not exist: the grant fails at once, and FAILED is settled
        var decided = (await settled.ApproveAsync(TestIds.Admin())).Value!;
        Assert.Equal(AccessRequestStatus.Failed, decided.Status);

        await Eventually.ReturnsAsync(() => cluster.ActivationsAsync("AccessRequestGrain"), count => count == 1,
            TimeSpan.FromSeconds(10), "the settled request deactivated");
        Assert.Equal(decided, await settled.GetAsync(), RequestSamples.ViewComparer);
        Assert.Equal(AccessRequestStatus.Pending, (await pending.GetAsync())!.Status);
    }
}
