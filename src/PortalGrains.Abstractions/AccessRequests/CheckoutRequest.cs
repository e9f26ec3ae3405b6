using System.Collections.Immutable;

namespace PortalGrains.Abstractions.AccessRequests;

/// <summary>A developer's request for a product and plan, for an existing application or a new one.</summary>
[GenerateSerializer, Immutable]
public sealed record CheckoutRequest(
    [property: Id(0)] string ProductId,
    [property: Id(1)] string PlanId,
    [property: Id(2)] string? ApplicationId,
    [property: Id(3)] string? NewApplicationName,
    [property: Id(4)] string? NewApplicationDescription,
    [property: Id(5)] ImmutableArray<string>? RedirectUris,
    [property: Id(6)] string ClientTypeId,
    [property: Id(7)] Applications.ClientKeys? Keys = null,
    [property: Id(8)] string? NewApplicationTeamId = null);
