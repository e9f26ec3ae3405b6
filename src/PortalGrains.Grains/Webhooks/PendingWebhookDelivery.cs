using PortalGrains.Abstractions.Webhooks;

namespace PortalGrains.Grains.Webhooks;

/// <summary>One event waiting for one endpoint to accept it.</summary>
[GenerateSerializer]
public sealed class PendingWebhookDelivery
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string EndpointId { get; set; } = "";
    [Id(2)] public WebhookEvent Event { get; set; } = null!;
    [Id(3)] public int Attempts { get; set; }
    [Id(4)] public int? LastStatus { get; set; }
    [Id(5)] public string? LastError { get; set; }
    [Id(6)] public DateTimeOffset NextAttemptAt { get; set; }
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }

    public WebhookDeliveryView View(bool delivered = false, bool gaveUp = false) =>
        new(Id, EndpointId, Event.Id, Event.Type, CreatedAt, Attempts, LastStatus, delivered, LastError, gaveUp);
}
