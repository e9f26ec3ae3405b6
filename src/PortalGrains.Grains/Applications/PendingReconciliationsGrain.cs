using System.Collections.Immutable;
using PortalGrains.Abstractions.Applications;
using Microsoft.Extensions.Logging;
using PortalGrains.Grains.Persistence;

namespace PortalGrains.Grains.Applications;

/// <remarks>
/// A removal is not written on its own: it rides on the shard's next write, or on its deactivation. Until then a silo
/// that dies leaves the entry stored, and the application it names is woken once more with nothing to do, which takes
/// it off again: a removal protects against needless wake-ups, never against lost work, so it is not worth a write of
/// its own on every registration.
/// </remarks>
public sealed class PendingReconciliationsGrain(
    [PersistentState("pendingReconciliations")] IPersistentState<PendingReconciliationsState> state,
    TimeProvider clock,
    ILogger<PendingReconciliationsGrain> logger) : Grain, IPendingReconciliationsGrain
{
    private IGrainTimer? _wakeTimer;

    /// <summary>Removals made in memory and not yet stored.</summary>
    private bool _unsaved;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ScheduleWake();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unsaved)
        {
            try
            {
                await state.WriteStateAsync(cancellationToken);
            }
            catch (Exception e)
            {
                ApplicationGrainLog.PendingRemovalsNotStored(logger, e, this.GetPrimaryKeyString());
            }
        }
    }

    public Task ScheduleAsync(string applicationId, DateTimeOffset dueAt, CancellationToken cancellationToken = default) =>
        ApplyAsync([new PendingReconciliationChange(applicationId, dueAt)], cancellationToken);

    public Task RemoveAsync(string applicationId, CancellationToken cancellationToken = default) =>
        ApplyAsync([new PendingReconciliationChange(applicationId, null)], cancellationToken);

    public async Task ApplyAsync(ImmutableArray<PendingReconciliationChange> changes, CancellationToken cancellationToken = default)
    {
        var scheduled = false;
        foreach (var change in changes)
        {
            if (change.DueAt is { } dueAt)
            {
                scheduled |= !state.State.DueAt.TryGetValue(change.ApplicationId, out var current) || current != dueAt;
                state.State.DueAt[change.ApplicationId] = dueAt;
            }
            else
            {
                _unsaved |= state.State.DueAt.Remove(change.ApplicationId);
            }
        }

        if (scheduled)
        {
            await state.WriteOrReloadAsync(this, cancellationToken);
            _unsaved = false;
        }

        ScheduleWake();
    }

    public Task<ImmutableArray<string>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.DueAt.Keys.ToImmutableArray());

    private void ScheduleWake()
    {
        var now = clock.GetUtcNow();
        ScheduleWake(state.State.DueAt.Values.DefaultIfEmpty(now).Min() - now, MaxWakeDelay);
    }

    /// <summary>
    /// Wakes this grain after <paramref name="delay"/>, at most after <paramref name="atMost"/>: a grain timer cannot
    /// wait beyond about 49 days, and work due years ahead (a secret's rotation) is looked at again on the way.
    /// </summary>
    private void ScheduleWake(TimeSpan delay, TimeSpan atMost)
    {
        _wakeTimer?.Dispose();
        _wakeTimer = null;
        if (state.State.DueAt.Count == 0)
        {
            return;
        }

        var wait = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > atMost ? atMost : delay;
        _wakeTimer = this.RegisterGrainTimer(WakeDueAsync, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    public Task WakeAsync(CancellationToken cancellationToken = default) => WakeDueAsync(cancellationToken);

    /// <summary>Tells each application whose work is due to run it; each reschedules itself when it is done.</summary>
    private Task WakeDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var applicationId in state.State.DueAt.Where(e => e.Value <= now).Select(e => e.Key).ToList())
        {
            GrainFactory.GetGrain<IApplicationGrain>(applicationId).ResumeAsync(CancellationToken.None).Ignore();
        }

        // Until the applications woken reschedule, look again a little later rather than spinning on past due times.
        var due = state.State.DueAt.Values.Where(d => d > now).DefaultIfEmpty(now + MaxWakeDelay).Min() - now;
        ScheduleWake(due, state.State.DueAt.Values.Any(d => d <= now) ? RecheckDelay : MaxWakeDelay);
        return Task.CompletedTask;
    }

    private static readonly TimeSpan RecheckDelay = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MaxWakeDelay = TimeSpan.FromDays(1);
}
