using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Applications;

/// <summary>One page of the applications an admin search finds, newest first, and how many it finds in all.</summary>
[GenerateSerializer, Immutable]
public sealed record ApplicationSearchPage(
    [property: Id(0)] ImmutableArray<ApplicationSearchEntry> Entries,
    [property: Id(1)] bool HasNextPage,
    [property: Id(2)] string? EndCursor,
    [property: Id(3)] int TotalCount);
