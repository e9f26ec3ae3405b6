using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Notifications;
using PortalGrains.Abstractions.Webhooks;
using PortalGrains.Grains.Audit;
using PortalGrains.Grains.Common;
using PortalGrains.Grains.Persistence;
using PortalGrains.Grains.Validation;
using PortalGrains.Grains.Webhooks;

namespace PortalGrains.Grains.AccessRequests;

/// <summary>
/// One access request's status machine. Every change is stored (with a <see cref="StatusChange"/> in the history)
/// before anything else happens: index updates, the grant or its release at the application.
/// </summary>
/// <remarks>
/// Transitions (the contract's, plus withdrawal and the revocation of requests that never became active):
/// <list type="bullet">
/// <item>PENDING -(approve, admin)-> PROVISIONING -> ACTIVE | FAILED, or stays PROVISIONING while the application retries.</item>
/// <item>FAILED -(retry, admin)-> PROVISIONING.</item>
/// <item>PENDING -(reject, admin)-> REJECTED.</item>
/// <item>PENDING -(revoke, owner or admin)-> REVOKED: withdrawn before a decision; nothing was granted.</item>
/// <item>PROVISIONING | ACTIVE | FAILED -(revoke, owner or admin)-> REVOKED, then the application releases the grant
/// (a FAILED or PROVISIONING grant may still be in the application's desired state).</item>
/// <item>Background outcomes from the application: ACTIVE from PROVISIONING or FAILED (a grant that was reported
/// failed because the call timed out can still succeed), FAILED from PROVISIONING, REVOKED from any open status
/// when the application was deleted; anything else is ignored (e.g. ACTIVE after a revocation).</item>
/// </list>
/// Repeating a decision that already took effect returns the request unchanged: approving a PROVISIONING, ACTIVE or
/// FAILED request, retrying a PROVISIONING or ACTIVE one, rejecting a REJECTED one, revoking a REVOKED one. The grain
/// is not reentrant, so concurrent approvals queue and only the first grants.
/// The history keeps its first change and the newest ones, <c>Portal:Limits:HistoryPerAccessRequest</c> in all (a
/// request retried again and again would otherwise outgrow its stored state).
/// </remarks>
public sealed class AccessRequestGrain(
    [PersistentState("accessRequest")] IPersistentState<AccessRequestState> state,
    TimeProvider clock,
    IOptions<PortalLimitsOptions> limits,
    AuditRecorder audit,
    IndexUpdates indexes,
    ILogger<AccessRequestGrain> logger) : Grain, IAccessRequestGrain
{
    /// <summary>The actor of changes that provisioning outcomes cause.</summary>
    public const string ProvisioningActor = "system:provisioning";

    private const string DefaultFailureMessage = "Provisioning failed.";

    private static readonly TimeSpan ProvisioningResync = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstReleaseRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LastReleaseRetry = TimeSpan.FromMinutes(10);

    private IGrainTimer? _releaseTimer;
    private TimeSpan _releaseRetry = FirstReleaseRetry;

    private string Id => this.GetPrimaryKeyString();

    private AccessRequestView? Request => state.State.Request;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A previous activation may have stopped between storing a change and its follow-ups; both are idempotent.
        await SyncIndexAsync(cancellationToken);
        await PublishEventsAsync();
        if (state.State.GrantReleasePending)
        {
            ScheduleGrantRelease(TimeSpan.Zero);
        }

        if (Request?.Status == AccessRequestStatus.Provisioning)
        {
            // This activation may follow a silo's death that lost the provisioning outcome: ask the application again.
            this.RegisterGrainTimer(
                _ => Request?.Status == AccessRequestStatus.Provisioning ? ProvisionAsync() : Task.CompletedTask,
                new GrainTimerCreationOptions(ProvisioningResync, Timeout.InfiniteTimeSpan));
        }
    }

    public async Task<AccessRequestView> CreateAsync(AccessRequestDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.DeveloperId);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.ApplicationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.ProductId);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.PlanId);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.ProviderId);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.ClientTypeId);

        var created = await state.UpdateAsync(this, s =>
        {
            if (s.Request is not null)
            {
                return false;
            }

            var now = clock.GetUtcNow();
            s.Request = new AccessRequestView(
                Id, AccessRequestStatus.Pending, draft.DeveloperId, draft.ApplicationId, draft.ProductId, draft.PlanId,
                draft.ProviderId, draft.ClientTypeId, draft.Scopes.IsDefault ? [] : draft.Scopes,
                CreatedAt: now, UpdatedAt: now, DecidedBy: null, FailureMessage: null, FailureDetail: null, CorrelationId: null,
                History: [new StatusChange(null, AccessRequestStatus.Pending, draft.DeveloperId, now, "requested")]);
            s.StagedWebhookEvents.Add(WebhookEvents.AccessRequestCreated(s.Request));
            return true;
        }, cancellationToken);

        if (created)
        {
            AccessRequestLog.StatusChanged(logger, Id, null, AccessRequestStatus.Pending, draft.DeveloperId);
            await AccessRequestChangePublisher.PublishAsync(this, Request!, logger);
        }

        await SyncIndexAsync(cancellationToken);
        await PublishEventsAsync();
        return Request!;
    }

    public Task<AccessRequestView?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(Request);

    public async Task<CommandResult<AccessRequestView>> ApproveAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.IsAdmin)
        {
            return Forbidden();
        }

        var (error, changed) = await DecideAsync(r => r.Status switch
        {
            AccessRequestStatus.Pending => Move(r, AccessRequestStatus.Provisioning, caller.Id, "approved") with { DecidedBy = caller.Id },
            AccessRequestStatus.Provisioning or AccessRequestStatus.Active or AccessRequestStatus.Failed => r,
            _ => null,
        }, "approved", cancellationToken);
        if (error is not null)
        {
            return CommandResult<AccessRequestView>.Failure(error);
        }

        if (changed)
        {
            await AuditAsync(caller, "accessRequest.approve", null);
            // The index follows the outcome of the grant (usually ACTIVE): one move out of PENDING, not two.
            await ProvisionAsync();
            await SyncIndexAsync(cancellationToken);
        }
        else if (Request!.Status == AccessRequestStatus.Provisioning)
        {
            // Approving a request that is still provisioning asks the application where it stands (granting is
            // idempotent there): the outcome of an earlier attempt may have been lost with a silo.
            await ProvisionAsync();
        }

        return CommandResult<AccessRequestView>.Success(Request!);
    }

    public async Task<CommandResult<AccessRequestView>> RejectAsync(Caller caller, string? reason, CancellationToken cancellationToken = default)
    {
        if (!caller.IsAdmin)
        {
            return Forbidden();
        }

        if (ReasonTooLong(reason) is { } tooLong)
        {
            return CommandResult<AccessRequestView>.Failure(tooLong);
        }

        var (error, changed) = await DecideAsync(r => r.Status switch
        {
            AccessRequestStatus.Pending => Move(r, AccessRequestStatus.Rejected, caller.Id, TextRules.Normalize(reason) ?? "rejected") with { DecidedBy = caller.Id },
            AccessRequestStatus.Rejected => r,
            _ => null,
        }, "rejected", cancellationToken);
        if (error is not null)
        {
            return CommandResult<AccessRequestView>.Failure(error);
        }

        if (changed)
        {
            await AuditAsync(caller, "accessRequest.reject", TextRules.Normalize(reason));
            await SyncIndexAsync(cancellationToken);
            await NotifyAsync(reason);
            LeaveMemoryIfSettled();
        }

        return CommandResult<AccessRequestView>.Success(Request!);
    }

    public async Task<CommandResult<AccessRequestView>> RetryAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.IsAdmin)
        {
            return Forbidden();
        }

        var (error, changed) = await DecideAsync(r => r.Status switch
        {
            AccessRequestStatus.Failed => Move(r, AccessRequestStatus.Provisioning, caller.Id, "retry") with
            {
                FailureMessage = null,
                FailureDetail = null,
                CorrelationId = null,
            },
            AccessRequestStatus.Provisioning or AccessRequestStatus.Active => r,
            _ => null,
        }, "retried", cancellationToken);
        if (error is not null)
        {
            return CommandResult<AccessRequestView>.Failure(error);
        }

        if (changed)
        {
            await AuditAsync(caller, "accessRequest.retry", null);
            await ProvisionAsync();
            await SyncIndexAsync(cancellationToken);
        }

        return CommandResult<AccessRequestView>.Success(Request!);
    }

    /// <summary>
    /// Null when the caller may revoke: for a team's application whoever may change the application (its OWNERs) and
    /// admins, otherwise the request's developer and admins; FORBIDDEN for a team member who may not, NOT_FOUND for others.
    /// </summary>
    private async Task<CommandResult<AccessRequestView>?> RevocationRefusedAsync(Caller caller, CancellationToken cancellationToken)
    {
        var application = await GrainFactory.GetGrain<IApplicationGrain>(Request!.ApplicationId).GetAsync(cancellationToken);
        if (application is not { Deleted: false, TeamId: not null })
        {
            return caller.MayManage(Request.DeveloperId) ? null : NotFound();
        }

        var access = await ApplicationAuthorization.DecideAsync(GrainFactory, caller, application, cancellationToken);
        if (access.Change || caller.IsAdmin)
        {
            return null;
        }

        return access.See
            ? CommandResult<AccessRequestView>.Failure(UserError.For(UserErrorCodes.Forbidden,
                "Only an OWNER of the application's team revokes its access requests.", "input", "id"))
            : NotFound();
    }

    public async Task<CommandResult<AccessRequestView>> RevokeAsync(Caller caller, string? reason, CancellationToken cancellationToken = default)
    {
        // Someone else's request answers like a missing one, so that its existence is not revealed.
        if (Request is null)
        {
            return NotFound();
        }

        if (await RevocationRefusedAsync(caller, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (ReasonTooLong(reason) is { } tooLong)
        {
            return CommandResult<AccessRequestView>.Failure(tooLong);
        }

        var note = TextRules.Normalize(reason);
        var (error, changed) = await DecideAsync(r => r.Status switch
        {
            AccessRequestStatus.Pending => Move(r, AccessRequestStatus.Revoked, caller.Id, note ?? "withdrawn before a decision"),
            AccessRequestStatus.Provisioning or AccessRequestStatus.Active or AccessRequestStatus.Failed =>
                Move(r, AccessRequestStatus.Revoked, caller.Id, note ?? "revoked"),
            AccessRequestStatus.Revoked => r,
            _ => null,
        }, "revoked", cancellationToken, (before, s) => s.GrantReleasePending |= before.Status is not AccessRequestStatus.Pending);
        if (error is not null)
        {
            return CommandResult<AccessRequestView>.Failure(error);
        }

        if (changed && caller.IsAdmin)
        {
            await AuditAsync(caller, "accessRequest.revoke", note);
        }

        if (changed)
        {
            await SyncIndexAsync(cancellationToken);
        }

        if (state.State.GrantReleasePending)
        {
            // The revocation stands once stored; a failed release is retried in the background.
            await ReleaseGrantAsync(CancellationToken.None);
        }

        LeaveMemoryIfSettled();
        return CommandResult<AccessRequestView>.Success(Request!);
    }

    public Task OnProvisioningSettledAsync(ProvisioningOutcome outcome) => ApplyOutcomeAsync(outcome, noteRetrying: false);

    /// <summary>
    /// Decides a change against the stored request: <paramref name="decide"/> returns the changed request, the same
    /// request (nothing to do), or null (the transition is not allowed).
    /// </summary>
    private async Task<(UserError? Error, bool Changed)> DecideAsync(
        Func<AccessRequestView, AccessRequestView?> decide,
        string verb,
        CancellationToken cancellationToken,
        Action<AccessRequestView, AccessRequestState>? alongside = null)
    {
        UserError? error = null;
        AccessRequestView? before = null;
        var announce = await StatusChangesAreSubscribedAsync();
        var changed = await state.UpdateAsync(this, s =>
        {
            error = null;
            before = s.Request;
            if (before is null)
            {
                error = NotFoundError();
                return false;
            }

            var next = decide(before);
            if (next is null)
            {
                error = UserError.For(UserErrorCodes.InvalidTransition,
                    $"A {AccessRequestIndexKeys.For(before.Status)} access request cannot be {verb}.", "input", "id");
                return false;
            }

            if (ReferenceEquals(next, before))
            {
                return false;
            }

            Store(s, next, announce);
            alongside?.Invoke(before, s);
            return true;
        }, cancellationToken);

        if (changed)
        {
            var last = Request!.History[^1];
            AccessRequestLog.StatusChanged(logger, Id, last.From, last.To, last.Actor);
            await PublishEventsAsync();
            await AccessRequestChangePublisher.PublishAsync(this, Request, logger);
        }

        return (error, changed);
    }

    /// <summary>Grants at the application (one attempt there) and applies where it stands. The request is PROVISIONING.</summary>
    private async Task ProvisionAsync()
    {
        var r = Request!;
        ProvisioningOutcome outcome;
        try
        {
            outcome = await GrainFactory.GetGrain<IApplicationGrain>(r.ApplicationId)
                .GrantAsync(new AccessGrant(Id, r.ProviderId, r.ClientTypeId, r.Scopes, Actor: r.History[^1].Actor));
        }
        catch (Exception e)
        {
            // The call may still have reached the application (a timed-out call can have run): FAILED lets an admin
            // retry, which grants again idempotently, and a later ACTIVE from the application is still accepted.
            var correlationId = Guid.NewGuid().ToString("N");
            AccessRequestLog.GrantCallFailed(logger, e, Id, r.ApplicationId, correlationId);
            outcome = new ProvisioningOutcome(
                Id, ProvisioningState.Failed,
                "Provisioning could not be started; an admin can retry it.",
                $"The application grain did not take the grant ({e.GetType().Name}: {e.Message}).",
                correlationId, clock.GetUtcNow());
        }

        await ApplyOutcomeAsync(outcome, noteRetrying: true);
    }

    private async Task ApplyOutcomeAsync(ProvisioningOutcome outcome, bool noteRetrying)
    {
        if (!string.Equals(outcome.AccessRequestId, Id, StringComparison.Ordinal))
        {
            AccessRequestLog.OutcomeForAnotherRequest(logger, Id, outcome.AccessRequestId);
            return;
        }

        // Outcomes are recorded whatever became of the caller's request: no cancellation from here on.
        var announce = await StatusChangesAreSubscribedAsync();
        var changed = await state.UpdateAsync(this, s =>
        {
            if (s.Request is not { } r || Apply(r, outcome, noteRetrying) is not { } next)
            {
                return false;
            }

            Store(s, next, announce);
            if (next.Status == AccessRequestStatus.Revoked)
            {
                s.GrantReleasePending = false;
            }

            return true;
        }, CancellationToken.None);

        if (changed)
        {
            var last = Request!.History[^1];
            AccessRequestLog.StatusChanged(logger, Id, last.From, last.To, last.Actor);
            await AccessRequestChangePublisher.PublishAsync(this, Request, logger);
            await SyncIndexAsync(CancellationToken.None);
            await PublishEventsAsync();
            await NotifyAsync(reason: null);
        }
        else if (!(outcome.State == ProvisioningState.Retrying && !noteRetrying))
        {
            AccessRequestLog.OutcomeIgnored(logger, Id, outcome.State, Request?.Status);
        }

        // Also when nothing changed: the application reports the outcome it has just answered the grant with as well,
        // and that report usually arrives after this request left memory, waking it once more.
        LeaveMemoryIfSettled();
    }

    /// <summary>
    /// A request that has settled (active, failed, rejected or revoked, with no grant left to release and no event
    /// left to hand on) leaves memory once this call is done: a portal keeps one per grant, a settled one is seldom
    /// read again, and reading it back costs one storage read.
    /// </summary>
    private void LeaveMemoryIfSettled()
    {
        if (Request is { Status: not (AccessRequestStatus.Pending or AccessRequestStatus.Provisioning) }
            && !state.State.GrantReleasePending
            && state.State.StagedWebhookEvents.Count == 0)
        {
            DeactivateOnIdle();
        }
    }

    private Task PublishEventsAsync() => state.PublishAsync(this, GrainFactory, s => s.StagedWebhookEvents, logger);

    /// <summary>Records an admin's decision; a failure reaches the caller, so the decision is not acknowledged.</summary>
    private Task AuditAsync(Caller caller, string action, string? detail) =>
        audit.RecordAsync(caller.Id, action, AuditSubjects.AccessRequest, Id, detail, CancellationToken.None);

    /// <summary>Queues the developer's e-mail for the new status (approved, rejected, failed); a failure there never undoes the decision.</summary>
    private async Task NotifyAsync(string? reason)
    {
        try
        {
            await GrainFactory.NotifyStatusAsync(Request!, reason, CancellationToken.None);
        }
        catch (Exception e)
        {
            AccessRequestLog.NotificationFailed(logger, e, Id, Request!.Status);
        }
    }

    private AccessRequestView? Apply(AccessRequestView r, ProvisioningOutcome outcome, bool noteRetrying) => (outcome.State, r.Status) switch
    {
        (ProvisioningState.Active, AccessRequestStatus.Provisioning or AccessRequestStatus.Failed) =>
            Move(r, AccessRequestStatus.Active, ProvisioningActor, "provisioned") with
            {
                FailureMessage = null,
                FailureDetail = null,
                CorrelationId = outcome.CorrelationId,
            },
        (ProvisioningState.Failed, AccessRequestStatus.Provisioning) =>
            Move(r, AccessRequestStatus.Failed, ProvisioningActor, FailureReference.Format(outcome.DeveloperMessage ?? DefaultFailureMessage, outcome.CorrelationId)) with
            {
                FailureMessage = outcome.DeveloperMessage ?? DefaultFailureMessage,
                FailureDetail = outcome.AdminDetail,
                CorrelationId = outcome.CorrelationId,
            },
        (ProvisioningState.Retrying, AccessRequestStatus.Provisioning) when noteRetrying =>
            Move(r, AccessRequestStatus.Provisioning, ProvisioningActor,
                FailureReference.Format("the identity provider is retried: " + (outcome.DeveloperMessage ?? "temporary failure"), outcome.CorrelationId)),
        (ProvisioningState.Removed, AccessRequestStatus.Pending or AccessRequestStatus.Provisioning or AccessRequestStatus.Active or AccessRequestStatus.Failed) =>
            Move(r, AccessRequestStatus.Revoked, ProvisioningActor, outcome.DeveloperMessage ?? "the application no longer exists"),
        _ => null,
    };

    private async Task<bool> ReleaseGrantAsync(CancellationToken cancellationToken)
    {
        var r = Request!;
        try
        {
            // Whatever the outcome, the application now owns the revocation (it reconciles in the background).
            await GrainFactory.GetGrain<IApplicationGrain>(r.ApplicationId).RevokeGrantAsync(Id, r.History[^1].Actor, cancellationToken);
            await state.UpdateAsync(this, s =>
            {
                if (!s.GrantReleasePending)
                {
                    return false;
                }

                s.GrantReleasePending = false;
                return true;
            }, CancellationToken.None);
            _releaseTimer?.Dispose();
            _releaseTimer = null;
            _releaseRetry = FirstReleaseRetry;
            return true;
        }
        catch (Exception e)
        {
            AccessRequestLog.GrantReleaseFailed(logger, e, Id, r.ApplicationId, _releaseRetry);
            ScheduleGrantRelease(_releaseRetry);
            _releaseRetry = TimeSpan.FromTicks(Math.Min(_releaseRetry.Ticks * 2, LastReleaseRetry.Ticks));
            return false;
        }
    }

    private void ScheduleGrantRelease(TimeSpan dueTime)
    {
        _releaseTimer?.Dispose();
        _releaseTimer = this.RegisterGrainTimer(
            async cancellationToken =>
            {
                if (state.State.GrantReleasePending)
                {
                    await ReleaseGrantAsync(cancellationToken);
                }
            },
            new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// <summary>
    /// Brings the admin indexes in line with the status: out of every status the request has been in, into the
    /// current one and ALL. Both operations are idempotent (and write nothing when the entry is already where it
    /// belongs), so an interrupted update is simply repeated. What was indexed is noted in the state without a write of
    /// its own: the next write of the request stores it, and until then an activation repeats the update, which then
    /// costs calls but no writes.
    /// </summary>
    private async Task SyncIndexAsync(CancellationToken cancellationToken)
    {
        if (Request is not { } r || state.State.IndexedStatus == r.Status)
        {
            return;
        }

        try
        {
            var stale = r.History.Select(h => h.To).Concat(state.State.TrimmedStatuses)
                .Where(status => status != r.Status).Distinct().ToList();
            await Task.WhenAll(stale.Select(status =>
                indexes.ChangeAccessRequestIndexAsync(AccessRequestIndexKeys.For(status), AccessRequestIndexChange.Remove(Id, r.CreatedAt))));
            await Task.WhenAll(
                indexes.ChangeAccessRequestIndexAsync(AccessRequestIndexKeys.For(r.Status), AccessRequestIndexChange.Add(Id, r.CreatedAt)),
                indexes.ChangeAccessRequestIndexAsync(AccessRequestIndexKeys.All, AccessRequestIndexChange.Add(Id, r.CreatedAt)));
            if (state.State.Request?.Status == r.Status)
            {
                state.State.IndexedStatus = r.Status;
                state.State.TrimmedStatuses.RemoveAll(stale.Contains);
            }
        }
        catch (Exception e)
        {
            AccessRequestLog.IndexUpdateFailed(logger, e, Id, r.Status);
        }
    }

    /// <summary>
    /// Whether a webhook endpoint takes status changes. The event is staged only then: it would reach nobody else,
    /// and staging it costs a second write (the hand-over to the outbox removes it from the state). An endpoint created
    /// while a change is being stored may miss that change, as it would miss one stored just before.
    /// </summary>
    private async Task<bool> StatusChangesAreSubscribedAsync() =>
        !(await GrainFactory.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key)
            .GetTargetsAsync(WebhookEventType.AccessRequestStatusChanged)).IsDefaultOrEmpty;

    /// <summary>Stores the changed request, its history cut to the cap (the first change and the newest).</summary>
    private void Store(AccessRequestState s, AccessRequestView next, bool announce)
    {
        var cap = Math.Max(2, limits.Value.HistoryPerAccessRequest);
        var excess = next.History.Length - cap;
        if (excess > 0)
        {
            var dropped = next.History.Skip(1).Take(excess).ToList();
            foreach (var status in dropped.Select(h => h.To).Distinct().Where(status => !s.TrimmedStatuses.Contains(status)))
            {
                // The admin indexes may still list the request under a status only a dropped change recorded.
                s.TrimmedStatuses.Add(status);
            }

            s.HistoryDropped += excess;
            next = next with { History = next.History.RemoveRange(1, excess) };
        }

        if (announce && s.Request?.Status != next.Status)
        {
            s.StagedWebhookEvents.Add(WebhookEvents.AccessRequestStatusChanged(next));
        }

        s.Request = next;
    }

    private AccessRequestView Move(AccessRequestView r, AccessRequestStatus to, string actor, string? note)
    {
        var now = clock.GetUtcNow();
        return r with
        {
            Status = to,
            UpdatedAt = now,
            History = r.History.Add(new StatusChange(r.Status, to, actor, now, note)),
        };
    }


    private static UserError? ReasonTooLong(string? reason) =>
        TextRules.Normalize(reason) is { Length: > InputLimits.MaxReasonLength }
            ? UserError.For(UserErrorCodes.TooLong, $"The reason is longer than {InputLimits.MaxReasonLength} characters.", "input", "reason")
            : null;

    private static UserError NotFoundError() => UserError.For(UserErrorCodes.NotFound, "No such access request.", "input", "id");

    private static CommandResult<AccessRequestView> NotFound() => CommandResult<AccessRequestView>.Failure(NotFoundError());

    private static CommandResult<AccessRequestView> Forbidden() =>
        CommandResult<AccessRequestView>.Failure(UserError.For(UserErrorCodes.Forbidden, "Only admins decide on access requests."));
}
