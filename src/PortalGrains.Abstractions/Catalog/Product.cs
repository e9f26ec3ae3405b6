using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Catalog;

/// <summary>An API product of the catalogue: scopes granted at the provider and the gateway policy they map to.</summary>
[GenerateSerializer, Immutable]
public sealed record Product(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Description,
    [property: Id(3)] bool Published,
    [property: Id(4)] bool DcrEnabled,
    [property: Id(5)] string? ProviderId,
    [property: Id(6)] ImmutableArray<string> Scopes,
    [property: Id(7)] ImmutableArray<string> ClientTypeIds,
    [property: Id(8)] string? PolicyId,
    [property: Id(9)] DateTimeOffset UpdatedAt);
