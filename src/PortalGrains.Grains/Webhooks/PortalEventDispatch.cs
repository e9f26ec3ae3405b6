using PortalGrains.Abstractions.Notifications;
using PortalGrains.Abstractions.Webhooks;

namespace PortalGrains.Grains.Webhooks;

/// <summary>Where a staged event goes: the webhook outbox shard of its subject and, for a new access request, the admins' alert.</summary>
internal static class PortalEventDispatch
{
    public static async Task DispatchAsync(IGrainFactory grains, WebhookEvent webhookEvent)
    {
        if (webhookEvent.Type == WebhookEventType.AccessRequestCreated)
        {
            await grains.GetGrain<IAdminAlertGrain>(IAdminAlertGrain.Key).AddAsync(webhookEvent, CancellationToken.None);
        }

        await grains.WebhookOutboxFor(webhookEvent).EnqueueAsync(webhookEvent, CancellationToken.None);
    }
}
