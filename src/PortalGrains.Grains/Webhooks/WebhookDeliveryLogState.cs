using PortalGrains.Abstractions.Webhooks;

namespace PortalGrains.Grains.Webhooks;

[GenerateSerializer]
public sealed class WebhookDeliveryLogState
{
    /// <summary>The newest deliveries of the endpoint, oldest first.</summary>
    [Id(0)] public List<WebhookDeliveryView> Deliveries { get; set; } = [];
}
