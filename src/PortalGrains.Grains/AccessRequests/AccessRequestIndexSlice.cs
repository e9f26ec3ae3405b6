using System.Collections.Immutable;

namespace PortalGrains.Grains.AccessRequests;

/// <summary>Entries of one index page after a position, and whether the page holds more after them.</summary>
[GenerateSerializer, Immutable]
public sealed record AccessRequestIndexSlice(
    [property: Id(0)] ImmutableArray<AccessRequestIndexEntry> Entries,
    [property: Id(1)] bool HasMore);
