using Microsoft.Extensions.Logging;
using PortalGrains.Abstractions.Webhooks;
using PortalGrains.Grains.Persistence;

namespace PortalGrains.Grains.Webhooks;

/// <summary>
/// The outbox pattern for grains that raise webhook events: the grain adds the event (from <see cref="WebhookEvents"/>)
/// to a list in its own state in the same write as the change it announces, then calls <see cref="PublishAsync"/>
/// (also from <c>OnActivateAsync</c>), which hands the staged events to their outbox shard in order and removes them
/// from the state. An event is never lost between the change and the outbox: a failed hand-over leaves it staged and
/// is retried on a timer, by the next change or by the next activation; the outbox ignores an event it already took.
/// </summary>
public static class StagedWebhookEvents
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(10);

    public static async Task PublishAsync<TState>(
        this IPersistentState<TState> state,
        Grain grain,
        IGrainFactory grains,
        Func<TState, List<WebhookEvent>> staged,
        ILogger logger)
    {
        var events = staged(state.State).ToList();
        if (events.Count == 0)
        {
            return;
        }

        try
        {
            foreach (var webhookEvent in events)
            {
                await PortalEventDispatch.DispatchAsync(grains, webhookEvent);
            }

            var ids = events.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            await state.UpdateAsync(grain, s => staged(s).RemoveAll(e => ids.Contains(e.Id)) > 0, CancellationToken.None);
        }
        catch (Exception e)
        {
            WebhooksLog.PublishFailed(logger, grain.GetGrainId().ToString(), RetryDelay, e);
            grain.RegisterGrainTimer(
                () => state.PublishAsync(grain, grains, staged, logger),
                new GrainTimerCreationOptions(RetryDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }
}
