namespace PortalGrains.Abstractions.Webhooks;

/// <summary>
/// One event for the subscribed endpoints. <see cref="Id"/> is the Standard Webhooks message id (the same for every
/// attempt); <see cref="SubjectId"/> is the request, application or team the event is about (events of one subject
/// are delivered in order); <see cref="Data"/> is the subject as JSON, as an admin sees it, never a secret.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WebhookEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] WebhookEventType Type,
    [property: Id(2)] string SubjectId,
    [property: Id(3)] DateTimeOffset Timestamp,
    [property: Id(4)] string Data);
