using System.Collections.Immutable;

namespace PortalGrains.Abstractions.AccessRequests;

[GenerateSerializer, Immutable]
public sealed record AccessRequestPage(
    [property: Id(0)] ImmutableArray<string> Ids,
    [property: Id(1)] bool HasNextPage,
    [property: Id(2)] string? EndCursor,
    [property: Id(3)] int TotalCount,
    [property: Id(4)] ImmutableArray<DateTimeOffset> CreatedAt = default);
