namespace PortalGrains.Abstractions.Webhooks;

/// <summary>One event's delivery to one endpoint: attempts so far, the last HTTP status (null: no answer), whether it was delivered.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookDeliveryView(
    [property: Id(0)] string Id,
    [property: Id(1)] string EndpointId,
    [property: Id(2)] string EventId,
    [property: Id(3)] WebhookEventType Event,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] int Attempts,
    [property: Id(6)] int? LastStatus,
    [property: Id(7)] bool Delivered,
    [property: Id(8)] string? LastError,
    [property: Id(9)] bool GaveUp);
