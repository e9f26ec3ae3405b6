using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Applications;

/// <summary>An approved access request as the application's desired state: its scopes at a provider, for a client type.</summary>
[GenerateSerializer, Immutable]
public sealed record AccessGrant(
    [property: Id(0)] string AccessRequestId,
    [property: Id(1)] string ProviderId,
    [property: Id(2)] string ClientTypeId,
    [property: Id(3)] ImmutableArray<string> Scopes,
    [property: Id(4)] string? Actor = null);
