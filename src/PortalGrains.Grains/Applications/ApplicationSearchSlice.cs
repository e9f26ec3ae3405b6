using System.Collections.Immutable;
using PortalGrains.Abstractions.Applications;

namespace PortalGrains.Grains.Applications;

/// <summary>
/// What one part of the search index (a shard's head or one of its pages) finds: its first matches after a position,
/// how many it finds in all and how many of them come after the position.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ApplicationSearchSlice(
    [property: Id(0)] ImmutableArray<ApplicationSearchEntry> Entries,
    [property: Id(1)] int TotalCount,
    [property: Id(2)] int CountAfter);
