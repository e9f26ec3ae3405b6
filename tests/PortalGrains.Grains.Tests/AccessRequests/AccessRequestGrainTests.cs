using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Common;
using PortalGrains.Grains.AccessRequests;
using PortalGrains.Grains.Tests.Support;
using PortalGrains.Testing;

namespace PortalGrains.Grains.Tests.AccessRequests;

[Collection(ClusterCollection.Name)]
public sealed class AccessRequestGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_new_request_is_pending_and_listed_under_pending_and_all()
    {
        var owner = TestIds.Developer();
        var (grain, id) = NewRequest();
        var draft = RequestSamples.Draft(owner);

        var view = await grain.CreateAsync(draft);

        Assert.Equal(id, view.Id);
        Assert.Equal(AccessRequestStatus.Pending, view.Status);
        Assert.Equal(draft.Scopes.ToArray(), view.Scopes.ToArray());
        Assert.Equal((owner.Id, draft.ApplicationId, draft.ProductId, draft.PlanId, draft.ProviderId, draft.ClientTypeId),
            (view.DeveloperId, view.ApplicationId, view.ProductId, view.PlanId, view.ProviderId, view.ClientTypeId));
        Assert.Equal(view.CreatedAt, view.UpdatedAt);
        Assert.Null(view.DecidedBy);
        var change = Assert.Single(view.History);
        Assert.Equal((null, AccessRequestStatus.Pending, owner.Id), (change.From, change.To, change.Actor));
        await RequestSamples.AssertListedOnlyUnderAsync(fixture.Client, id, AccessRequestStatus.Pending);
    }

    [Fact]
    public async Task Creating_again_returns_the_request_unchanged()
    {
        var owner = TestIds.Developer();
        var (grain, _) = NewRequest();
        var first = await grain.CreateAsync(RequestSamples.Draft(owner));

        var second = await grain.CreateAsync(RequestSamples.Draft(TestIds.Developer()));

        Assert.Equal(first.DeveloperId, second.DeveloperId);
        Assert.Equal(first.CreatedAt, second.CreatedAt);
        Assert.Single(second.History);
    }

    [Fact]
    public async Task An_unknown_request_is_null_and_every_command_says_not_found()
    {
        var (grain, _) = NewRequest();
        var admin = TestIds.Admin();

        Assert.Null(await grain.GetAsync());
        Assert.Equal(UserErrorCodes.NotFound, Assert.Single((await grain.ApproveAsync(admin)).Errors).Code);
        Assert.Equal(UserErrorCodes.NotFound, Assert.Single((await grain.RejectAsync(admin, null)).Errors).Code);
        Assert.Equal(UserErrorCodes.NotFound, Assert.Single((await grain.RetryAsync(admin)).Errors).Code);
        Assert.Equal(UserErrorCodes.NotFound, Assert.Single((await grain.RevokeAsync(admin, null)).Errors).Code);
        Assert.Null(await grain.GetAsync());
    }

    [Fact]
    public async Task Only_admins_approve_reject_and_retry()
    {
        var owner = TestIds.Developer();
        var (grain, id) = NewRequest();
        await grain.CreateAsync(RequestSamples.Draft(owner));

        var approve = await grain.ApproveAsync(owner);
        var reject = await grain.RejectAsync(owner, "no");
        var retry = await grain.RetryAsync(owner);

        Assert.All([approve, reject, retry], r => Assert.Equal(UserErrorCodes.Forbidden, Assert.Single(r.Errors).Code));
        var view = await grain.GetAsync();
        Assert.Equal(AccessRequestStatus.Pending, view!.Status);
        Assert.Single(view.History);
        await RequestSamples.AssertListedOnlyUnderAsync(fixture.Client, id, AccessRequestStatus.Pending);
    }

    [Fact]
    public async Task An_admin_rejects_a_pending_request_with_a_reason()
    {
        var admin = TestIds.Admin();
        var (grain, id) = NewRequest();
        await grain.CreateAsync(RequestSamples.Draft(TestIds.Developer()));

        var result = await grain.RejectAsync(admin, "  not for production use  ");

        Assert.True(result.Succeeded);
        var view = result.Value!;
        Assert.Equal(AccessRequestStatus.Rejected, view.Status);
        Assert.Equal(admin.Id, view.DecidedBy);
        Assert.True(view.UpdatedAt >= view.CreatedAt);
        var change = view.History[^1];
        Assert.Equal((AccessRequestStatus.Pending, AccessRequestStatus.Rejected, admin.Id, "not for production use"),
            (change.From, change.To, change.Actor, change.Note));
        Assert.Equal(view, await grain.GetAsync(), RequestSamples.ViewComparer);
        await RequestSamples.AssertListedOnlyUnderAsync(fixture.Client, id, AccessRequestStatus.Rejected);
    }

    [Fact]
    public async Task Rejecting_again_changes_nothing()
    {
        var admin = TestIds.Admin();
        var (grain, _) = NewRequest();
        await grain.CreateAsync(RequestSamples.Draft(TestIds.Developer()));
        var first = (await grain.RejectAsync(admin, "first")).Value!;

        var second = await grain.RejectAsync(TestIds.Admin(), "second");

        Assert.True(second.Succeeded);
        Assert.Equal(first, second.Value, RequestSamples.ViewComparer);
    }

    [Fact]
    public async Task Refuses_a_reason_that_is_too_long_and_changes_nothing()
    {
        var owner = TestIds.Developer();
        var (grain, _) = NewRequest();
        await grain.CreateAsync(RequestSamples.Draft(owner));
        var tooLong = new string('r', InputLimits.MaxReasonLength + 1);

        var reject = await grain.RejectAsync(TestIds.Admin(), tooLong);
        var revoke = await grain.RevokeAsync(owner, tooLong);

        Assert.All([reject, revoke], r =>
        {
            var error = Assert.Single(r.Errors);
            Assert.Equal((UserErrorCodes.TooLong, "reason"), (error.Code, error.Field[^1]));
        });
        Assert.Equal(AccessRequestStatus.Pending, (await grain.GetAsync())!.Status);
    }

    [Fact]
    public async Task The_owner_withdraws_a_pending_request()
    {
        var owner = TestIds.Developer();
        var (grain, id) = NewRequest();
        await grain.CreateAsync(RequestSamples.Draft(owner));

        var result = await grain.RevokeAsync(owner, null);

        Assert.True(result.Succeeded);
        var view = result.Value!;
        Assert.Equal(AccessRequestStatus.Revoked, view.Status);
        Assert.Null(view.DecidedBy);
        var change = view.History[^1];
        Assert.Equal((AccessRequestStatus.Pending, AccessRequestStatus.Revoked, owner.Id), (change.From, change.To, change.Actor));
        Assert.Contains("withdrawn", change.Note);
        await RequestSamples.AssertListedOnlyUnderAsync(fixture.Client, id, AccessRequestStatus.Revoked);
    }

    [Fact]
    public async Task Revoking_again_changes_nothing()
    {
        var owner = TestIds.Developer();
        var (grain, _) = NewRequest();
        await grain.CreateAsync(RequestSamples.Draft(owner));
        var first = (await grain.RevokeAsync(owner, null)).Value!;

        var again = await grain.RevokeAsync(TestIds.Admin(), "again");

        Assert.True(again.Succeeded);
        Assert.Equal(first, again.Value, RequestSamples.ViewComparer);
    }

    [Fact]
    public async Task Someone_else_cannot_revoke_and_learns_nothing()
    {
        var (grain, id) = NewRequest();
        await grain.CreateAsync(RequestSamples.Draft(TestIds.Developer()));

        var result = await grain.RevokeAsync(TestIds.Developer(), null);
        var (_, unknownId) = NewRequest();
        var unknown = await fixture.Client.GetGrain<IAccessRequestGrain>(unknownId).RevokeAsync(TestIds.Developer(), null);

        Json.AssertSame(Assert.Single(unknown.Errors), Assert.Single(result.Errors));
        Assert.Equal(AccessRequestStatus.Pending, (await grain.GetAsync())!.Status);
        await RequestSamples.AssertListedOnlyUnderAsync(fixture.Client, id, AccessRequestStatus.Pending);
    }

    [Fact]
    public async Task An_admin_may_revoke_someone_elses_request()
    {
        var admin = TestIds.Admin();
        var (grain, _) = NewRequest();
        await grain.CreateAsync(RequestSamples.Draft(TestIds.Developer()));

        var result = await grain.RevokeAsync(admin, "policy violation");

        Assert.Equal(AccessRequestStatus.Revoked, result.Value!.Status);
        Assert.Equal((admin.Id, "policy violation"), (result.Value.History[^1].Actor, result.Value.History[^1].Note));
    }

    [Fact]
    public async Task Refuses_transitions_the_status_machine_does_not_have()
    {
        var owner = TestIds.Developer();
        var admin = TestIds.Admin();
        var (rejected, rejectedId) = NewRequest();
        await rejected.CreateAsync(RequestSamples.Draft(owner));
        await rejected.RejectAsync(admin, null);
        var (pending, _) = NewRequest();
        await pending.CreateAsync(RequestSamples.Draft(owner));
        var (revoked, _) = NewRequest();
        await revoked.CreateAsync(RequestSamples.Draft(owner));
        await revoked.RevokeAsync(owner, null);

        var refused = new[]
        {
            await rejected.ApproveAsync(admin),
            await rejected.RevokeAsync(owner, null),
            await rejected.RetryAsync(admin),
            await pending.RetryAsync(admin),
            await revoked.ApproveAsync(admin),
            await revoked.RejectAsync(admin, null),
            await revoked.RetryAsync(admin),
        };

        Assert.All(refused, r =>
        {
            var error = Assert.Single(r.Errors);
            Assert.Equal(UserErrorCodes.InvalidTransition, error.Code);
            Assert.Equal(["input", "id"], error.Field.ToArray());
        });
        Assert.Equal(2, (await rejected.GetAsync())!.History.Length);
        Assert.Single((await pending.GetAsync())!.History);
        Assert.Equal(2, (await revoked.GetAsync())!.History.Length);
        await RequestSamples.AssertListedOnlyUnderAsync(fixture.Client, rejectedId, AccessRequestStatus.Rejected);
    }

    [Fact]
    public async Task A_background_removal_revokes_an_open_request()
    {
        var (grain, id) = NewRequest();
        await grain.CreateAsync(RequestSamples.Draft(TestIds.Developer()));

        await grain.OnProvisioningSettledAsync(RequestSamples.Outcome(id, ProvisioningState.Removed, "the application was deleted"));

        var view = await Eventually.ReturnsAsync(() => grain.GetAsync(), v => v!.Status == AccessRequestStatus.Revoked, Settle, "the revocation");
        var change = view!.History[^1];
        Assert.Equal((AccessRequestStatus.Pending, AccessRequestGrain.ProvisioningActor, "the application was deleted"),
            (change.From, change.Actor, change.Note));
        await Eventually.ReturnsAsync(() => IndexProbe.ContainsAsync(fixture.Client, "REVOKED", id), found => found, Settle, "the index update");
        await RequestSamples.AssertListedOnlyUnderAsync(fixture.Client, id, AccessRequestStatus.Revoked);
    }

    [Fact]
    public async Task Background_outcomes_that_do_not_fit_the_status_are_ignored()
    {
        var (grain, id) = NewRequest();
        await grain.CreateAsync(RequestSamples.Draft(TestIds.Developer()));
        var (_, otherId) = NewRequest();

        // ACTIVE, FAILED and RETRYING do not apply to a PENDING request, nor does an outcome for another request;
        // the removal that follows shows when the grain has handled the messages before it.
        await grain.OnProvisioningSettledAsync(RequestSamples.Outcome(id, ProvisioningState.Active));
        await grain.OnProvisioningSettledAsync(RequestSamples.Outcome(id, ProvisioningState.Failed));
        await grain.OnProvisioningSettledAsync(RequestSamples.Outcome(id, ProvisioningState.Retrying));
        await grain.OnProvisioningSettledAsync(RequestSamples.Outcome(otherId, ProvisioningState.Removed));
        await grain.OnProvisioningSettledAsync(RequestSamples.Outcome(id, ProvisioningState.Removed));
        var revoked = await Eventually.ReturnsAsync(() => grain.GetAsync(), v => v!.Status == AccessRequestStatus.Revoked, Settle, "the revocation");
        await grain.OnProvisioningSettledAsync(RequestSamples.Outcome(id, ProvisioningState.Active));
        await grain.OnProvisioningSettledAsync(RequestSamples.Outcome(id, ProvisioningState.Removed));
        var marker = await grain.RevokeAsync(TestIds.Admin(), null);

        Assert.Equal([AccessRequestStatus.Pending, AccessRequestStatus.Revoked], revoked!.History.Select(h => h.To));
        Assert.Null(revoked.FailureMessage);
        Assert.Equal(revoked, marker.Value, RequestSamples.ViewComparer);
        Assert.Equal(revoked, await grain.GetAsync(), RequestSamples.ViewComparer);
    }

    private (IAccessRequestGrain Grain, string Id) NewRequest()
    {
        var id = TestIds.New("request");
        return (fixture.Client.GetGrain<IAccessRequestGrain>(id), id);
    }
}
