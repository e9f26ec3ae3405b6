using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Catalog;

[GenerateSerializer, Immutable]
public sealed record ProductUpsert(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] bool Published,
    [property: Id(3)] bool DcrEnabled,
    [property: Id(4)] string? ProviderId,
    [property: Id(5)] ImmutableArray<string> Scopes,
    [property: Id(6)] ImmutableArray<string> ClientTypeIds,
    [property: Id(7)] string? PolicyId);
