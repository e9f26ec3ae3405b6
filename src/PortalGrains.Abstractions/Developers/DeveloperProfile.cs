using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Developers;

[GenerateSerializer, Immutable]
public sealed record DeveloperProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Email,
    [property: Id(2)] string? Name,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] ImmutableArray<string> ApplicationIds,
    [property: Id(5)] ImmutableArray<string> AccessRequestIds);
