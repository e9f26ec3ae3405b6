using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Applications;

/// <summary>An application without its credentials.</summary>
[GenerateSerializer, Immutable]
public sealed record ApplicationView(
    [property: Id(0)] string Id,
    [property: Id(1)] string OwnerId,
    [property: Id(2)] string Name,
    [property: Id(3)] string? Description,
    [property: Id(4)] ImmutableArray<string> RedirectUris,
    [property: Id(5)] ImmutableArray<string> AccessRequestIds,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] bool Deleted,
    [property: Id(8)] ClientKeys? Keys = null,
    [property: Id(9)] string? TeamId = null);
