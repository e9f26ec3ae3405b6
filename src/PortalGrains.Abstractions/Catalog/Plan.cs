using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Catalog;

/// <summary>A plan of the catalogue: extra scopes, a gateway policy, limits, and whether access is granted without review.</summary>
[GenerateSerializer, Immutable]
public sealed record Plan(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Description,
    [property: Id(3)] ImmutableArray<string> Scopes,
    [property: Id(4)] bool AutoApprove,
    [property: Id(5)] string? PolicyId,
    [property: Id(6)] RateLimit? RateLimit,
    [property: Id(7)] Quota? Quota,
    [property: Id(8)] DateTimeOffset UpdatedAt);
