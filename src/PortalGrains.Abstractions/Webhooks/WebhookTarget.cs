namespace PortalGrains.Abstractions.Webhooks;

/// <summary>Where the outbox sends one event: an active endpoint, its URL and its secret as stored (encrypted).</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookTarget(
    [property: Id(0)] string EndpointId,
    [property: Id(1)] string Url,
    [property: Id(2)] string ProtectedSecret);
