using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Applications;
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
        var before = await cluster.ActivationsAsync("AccessRequestGrain");
        var pending = cluster.Client.GetGrain<IAccessRequestGrain>(TestIds.New("request"));
        await pending.CreateAsync(RequestSamples.Draft(TestIds.Developer()));
        var settled = cluster.Client.GetGrain<IAccessRequestGrain>(TestIds.New("request"));
        await settled.CreateAsync(RequestSamples.Draft(TestIds.Developer()));
        Assert.Equal(before + 2, await cluster.ActivationsAsync("AccessRequestGrain"));

        // its application does not exist: the grant fails at once, and FAILED is settled
        var decided = (await settled.ApproveAsync(TestIds.Admin())).Value!;
        Assert.Equal(AccessRequestStatus.Failed, decided.Status);

        await Eventually.ReturnsAsync(() => cluster.ActivationsAsync("AccessRequestGrain"), count => count == before + 1,
            TimeSpan.FromSeconds(10), "the settled request deactivated");
        Assert.Equal(decided, await settled.GetAsync(), RequestSamples.ViewComparer);
        Assert.Equal(AccessRequestStatus.Pending, (await pending.GetAsync())!.Status);
    }

    [Fact]
    public async Task A_settled_request_woken_by_a_late_report_of_its_outcome_leaves_memory_again()
    {
        var before = await cluster.ActivationsAsync("AccessRequestGrain");
        var request = cluster.Client.GetGrain<IAccessRequestGrain>(TestIds.New("request"));
        await request.CreateAsync(RequestSamples.Draft(TestIds.Developer()));
        var decided = (await request.ApproveAsync(TestIds.Admin())).Value!;
        Assert.Equal(AccessRequestStatus.Failed, decided.Status);
        await Eventually.ReturnsAsync(() => cluster.ActivationsAsync("AccessRequestGrain"), count => count == before,
            TimeSpan.FromSeconds(10), "the settled request deactivated");

        // The application reports the outcome it answered the grant with as well, and under load that report often
        // arrives after the request has left memory: it wakes the request, which has nothing to change.
        await request.OnProvisioningSettledAsync(RequestSamples.Outcome(request.GetPrimaryKeyString(), ProvisioningState.Failed));

        await Eventually.ReturnsAsync(() => cluster.ActivationsAsync("AccessRequestGrain"), count => count == before,
            TimeSpan.FromSeconds(10), "the request woken by the report deactivated again");
    }
}
