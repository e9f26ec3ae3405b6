using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Webhooks;

/// <summary>An endpoint as admins read it (never its secret). <see cref="DisabledReason"/> says why the portal turned it off.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] ImmutableArray<WebhookEventType> Events,
    [property: Id(3)] bool Active,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] string? DisabledReason);
