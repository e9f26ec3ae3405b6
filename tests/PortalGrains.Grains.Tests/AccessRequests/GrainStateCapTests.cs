using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Developers;
using PortalGrains.Grains.Tests.Support;

namespace PortalGrains.Grains.Tests.AccessRequests;

/// <summary>State that grows with use is capped (small caps here): filled past the cap it still reads and writes.</summary>
public sealed class GrainStateCapTests(CappedClusterFixture fixture) : IClassFixture<CappedClusterFixture>
{
    [Fact]
    public async Task A_request_retried_again_and_again_keeps_its_first_and_newest_history_and_its_indexes_right()
    {
        var admin = TestIds.Admin();
        var id = TestIds.New("request");
        var grain = fixture.Client.GetGrain<IAccessRequestGrain>(id);
        // Its application does not exist: every provisioning attempt fails, and an admin may retry.
        await grain.CreateAsync(RequestSamples.Draft(TestIds.Developer()));
        Assert.Equal(AccessRequestStatus.Failed, (await grain.ApproveAsync(admin)).Value!.Status);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(AccessRequestStatus.Failed, (await grain.RetryAsync(admin)).Value!.Status);
        }

        var revoked = (await grain.RevokeAsync(admin, "enough")).Value!;

        Assert.Equal(AccessRequestStatus.Revoked, revoked.Status);
        Assert.Equal(CappedClusterFixture.HistoryPerAccessRequest, revoked.History.Length);
        Assert.Equal((null, AccessRequestStatus.Pending), (revoked.History[0].From, revoked.History[0].To));
        Assert.Equal((AccessRequestStatus.Failed, AccessRequestStatus.Revoked, "enough"), (revoked.History[^1].From, revoked.History[^1].To, revoked.History[^1].Note));
        Assert.Equal(revoked.History.Length, (await grain.GetAsync())!.History.Length);
        await RequestSamples.AssertListedOnlyUnderAsync(fixture.Client, id, AccessRequestStatus.Revoked);
    }

    [Fact]
    public async Task A_developer_with_many_decided_requests_keeps_the_newest_ids_and_can_still_check_out()
    {
        var admin = TestIds.Admin();
        var owner = TestIds.Developer();
        var developer = fixture.Client.GetGrain<IDeveloperGrain>(owner.Id);
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var id = TestIds.New("request");
            // Over the pending limit only if the decided requests did not free their slots.
            Assert.Null(await developer.ReserveCheckoutAsync(null, id));
            await fixture.Client.GetGrain<IAccessRequestGrain>(id).CreateAsync(RequestSamples.Draft(owner));
            await developer.AddAccessRequestAsync(id);
            Assert.True((await fixture.Client.GetGrain<IAccessRequestGrain>(id).RejectAsync(admin, null)).Succeeded);
            ids.Add(id);
        }

        var profile = (await developer.GetAsync())!;

        Assert.InRange(profile.AccessRequestIds.Length, CappedClusterFixture.RequestIdsPerDeveloper,
            CappedClusterFixture.RequestIdsPerDeveloper + CappedClusterFixture.PendingRequestsPerDeveloper);
        Assert.Contains(ids[^1], profile.AccessRequestIds);
        Assert.DoesNotContain(ids[0], profile.AccessRequestIds);
    }

    [Fact]
    public async Task Pending_requests_at_the_limit_are_refused_with_LIMIT_EXCEEDED_and_nothing_is_reserved()
    {
        var owner = TestIds.Developer();
        var developer = fixture.Client.GetGrain<IDeveloperGrain>(owner.Id);
        for (var i = 0; i < CappedClusterFixture.PendingRequestsPerDeveloper; i++)
        {
            var id = TestIds.New("request");
            Assert.Null(await developer.ReserveCheckoutAsync(null, id));
            await fixture.Client.GetGrain<IAccessRequestGrain>(id).CreateAsync(RequestSamples.Draft(owner));
            await developer.AddAccessRequestAsync(id);
        }

        var refused = await developer.ReserveCheckoutAsync(null, TestIds.New("request"));

        Assert.Equal(Abstractions.Common.UserErrorCodes.LimitExceeded, refused?.Code);
        Assert.Equal(CappedClusterFixture.PendingRequestsPerDeveloper, (await developer.GetAsync())!.AccessRequestIds.Length);
    }
}
