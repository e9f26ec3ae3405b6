using PortalGrains.Abstractions.Webhooks;

namespace PortalGrains.Grains.Webhooks;

/// <summary>Where a staged event goes: the webhook outbox shard of its subject.</summary>
internal static class PortalEventDispatch
{
    public static async Task DispatchAsync(IGrainFactory grains, WebhookEvent webhookEvent) =>
        await grains.WebhookOutboxFor(webhookEvent).EnqueueAsync(webhookEvent, CancellationToken.None);
}
