namespace PortalGrains.Grains.Webhooks;

[GenerateSerializer]
public sealed class WebhookOutboxState
{
    /// <summary>Deliveries not settled yet, in the order their events arrived.</summary>
    [Id(0)] public List<PendingWebhookDelivery> Pending { get; set; } = [];

    /// <summary>Ids of the events taken (bounded, oldest first), so that an event handed over twice is delivered once.</summary>
    [Id(1)] public List<string> SeenEventIds { get; set; } = [];
}
