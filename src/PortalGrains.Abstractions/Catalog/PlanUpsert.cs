using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Catalog;

[GenerateSerializer, Immutable]
public sealed record PlanUpsert(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] ImmutableArray<string> Scopes,
    [property: Id(3)] bool AutoApprove,
    [property: Id(4)] string? PolicyId,
    [property: Id(5)] RateLimit? RateLimit,
    [property: Id(6)] Quota? Quota);
