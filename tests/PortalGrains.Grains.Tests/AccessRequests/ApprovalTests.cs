using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Grains.AccessRequests;
using PortalGrains.Grains.Tests.Support;
using PortalGrains.Testing;

namespace PortalGrains.Grains.Tests.AccessRequests;

/// <summary>
/// Approval, retry and revocation against the real application grain, for requests whose application does not
/// exist: the application answers every grant with FAILED and every release with REMOVED, without an identity
/// provider.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ApprovalTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Approval_provisions_and_records_a_failure_with_its_reason()
    {
        var admin = TestIds.Admin();
        var (grain, id) = await NewPendingRequestAsync();

        var result = await grain.ApproveAsync(admin);

        Assert.True(result.Succeeded);
        var view = result.Value!;
        Assert.Equal(AccessRequestStatus.Failed, view.Status);
        Assert.Equal(admin.Id, view.DecidedBy);
        Assert.Contains("deleted", view.FailureMessage);
        Assert.NotNull(view.FailureDetail);
        Assert.Collection(view.History,
            h => Assert.Equal(AccessRequestStatus.Pending, h.To),
            h => Assert.Equal((AccessRequestStatus.Pending, AccessRequestStatus.Provisioning, admin.Id, "approved"), (h.From, h.To, h.Actor, h.Note)),
            h => Assert.Equal((AccessRequestStatus.Provisioning, AccessRequestStatus.Failed, AccessRequestGrain.ProvisioningActor), (h.From, h.To, h.Actor)));
        Assert.Equal(view, await grain.GetAsync(), RequestSamples.ViewComparer);
        await RequestSamples.AssertListedOnlyUnderAsync(fixture.Client, id, AccessRequestStatus.Failed);
    }

    [Fact]
    public async Task Approving_again_grants_nothing_more()
    {
        var (grain, _) = await NewPendingRequestAsync();
        var first = (await grain.ApproveAsync(TestIds.Admin())).Value!;

        var second = await grain.ApproveAsync(TestIds.Admin());

        Assert.True(second.Succeeded);
        Assert.Equal(first, second.Value, RequestSamples.ViewComparer);
    }

    [Fact]
    public async Task Concurrent_approvals_provision_once()
    {
        var (grain, _) = await NewPendingRequestAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => grain.ApproveAsync(TestIds.Admin())));

        Assert.All(results, r => Assert.True(r.Succeeded));
        var view = await grain.GetAsync();
        Assert.Single(view!.History, h => h.To == AccessRequestStatus.Provisioning);
        Assert.Single(view.History, h => h.To == AccessRequestStatus.Failed);
    }

    [Fact]
    public async Task Retry_provisions_a_failed_request_again()
    {
        var admin = TestIds.Admin();
        var (grain, id) = await NewPendingRequestAsync();
        await grain.ApproveAsync(TestIds.Admin());

        var result = await grain.RetryAsync(admin);

        var view = result.Value!;
        Assert.Equal(AccessRequestStatus.Failed, view.Status);
        Assert.Equal(
            [AccessRequestStatus.Pending, AccessRequestStatus.Provisioning, AccessRequestStatus.Failed, AccessRequestStatus.Provisioning, AccessRequestStatus.Failed],
            view.History.Select(h => h.To));
        Assert.Equal((admin.Id, "retry"), (view.History[3].Actor, view.History[3].Note));
        await RequestSamples.AssertListedOnlyUnderAsync(fixture.Client, id, AccessRequestStatus.Failed);
    }

    [Fact]
    public async Task A_later_success_from_the_application_makes_a_failed_request_active_and_the_owner_revokes_it()
    {
        var owner = TestIds.Developer();
        var (grain, id) = await NewPendingRequestAsync(owner);
        await grain.ApproveAsync(TestIds.Admin());

        await grain.OnProvisioningSettledAsync(RequestSamples.Outcome(id, ProvisioningState.Active));
        var active = await Eventually.ReturnsAsync(() => grain.GetAsync(), v => v!.Status == AccessRequestStatus.Active, Settle, "the activation");

        Assert.Null(active!.FailureMessage);
        Assert.Null(active.FailureDetail);
        await RequestSamples.AssertListedOnlyUnderAsync(fixture.Client, id, AccessRequestStatus.Active);

        var revoked = await grain.RevokeAsync(owner, "no longer needed");

        Assert.Equal(AccessRequestStatus.Revoked, revoked.Value!.Status);
        Assert.Equal((AccessRequestStatus.Active, owner.Id, "no longer needed"),
            (revoked.Value.History[^1].From, revoked.Value.History[^1].Actor, revoked.Value.History[^1].Note));
        await RequestSamples.AssertListedOnlyUnderAsync(fixture.Client, id, AccessRequestStatus.Revoked);
    }

    [Fact]
    public async Task A_failed_request_can_be_revoked()
    {
        var (grain, id) = await NewPendingRequestAsync();
        await grain.ApproveAsync(TestIds.Admin());

        var revoked = await grain.RevokeAsync(TestIds.Admin(), null);

        Assert.Equal(AccessRequestStatus.Revoked, revoked.Value!.Status);
        Assert.Equal(AccessRequestStatus.Failed, revoked.Value.History[^1].From);
        await RequestSamples.AssertListedOnlyUnderAsync(fixture.Client, id, AccessRequestStatus.Revoked);
    }

    private async Task<(IAccessRequestGrain Grain, string Id)> NewPendingRequestAsync(Abstractions.Common.Caller? owner = null)
    {
        var id = TestIds.New("request");
        var grain = fixture.Client.GetGrain<IAccessRequestGrain>(id);
        await grain.CreateAsync(RequestSamples.Draft(owner ?? TestIds.Developer()));
        return (grain, id);
    }
}
