using System.Collections.Immutable;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Grains.Persistence;

namespace PortalGrains.Grains.Applications;

public sealed class PendingReconciliationsGrain(
    [PersistentState("pendingReconciliations")] IPersistentState<PendingReconciliationsState> state,
    TimeProvider clock) : Grain, IPendingReconciliationsGrain
{
    private IGrainTimer? _wakeTimer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ScheduleWake();
        return Task.CompletedTask;
    }

    public async Task ScheduleAsync(string applicationId, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        if (!state.State.DueAt.TryGetValue(applicationId, out var current) || current != dueAt)
        {
            state.State.DueAt[applicationId] = dueAt;
            await state.WriteOrReloadAsync(this, cancellationToken);
            ScheduleWake();
        }
    }

    public async Task RemoveAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        if (state.State.DueAt.Remove(applicationId))
        {
            await state.WriteOrReloadAsync(this, cancellationToken);
            ScheduleWake();
        }
    }

    public Task<ImmutableArray<string>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.DueAt.Keys.ToImmutableArray());

    private void ScheduleWake()
    {
        _wakeTimer?.Dispose();
        _wakeTimer = null;
        if (state.State.DueAt.Count == 0)
        {
            return;
        }

        var delay = state.State.DueAt.Values.Min() - clock.GetUtcNow();
        _wakeTimer = this.RegisterGrainTimer(
            WakeDueAsync,
            new GrainTimerCreationOptions(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
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

        // Until the applications reschedule, look again a little later rather than spinning on past due times.
        _wakeTimer?.Dispose();
        _wakeTimer = null;
        if (state.State.DueAt.Count == 0)
        {
            return Task.CompletedTask;
        }

        var next = state.State.DueAt.Values.Where(d => d > now).DefaultIfEmpty(now + RecheckDelay).Min();
        var delay = next - now;
        _wakeTimer = this.RegisterGrainTimer(
            WakeDueAsync,
            new GrainTimerCreationOptions(delay < RecheckDelay ? delay : RecheckDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        return Task.CompletedTask;
    }

    private static readonly TimeSpan RecheckDelay = TimeSpan.FromSeconds(30);
}
