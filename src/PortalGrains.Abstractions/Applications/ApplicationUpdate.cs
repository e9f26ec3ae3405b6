using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Applications;

/// <summary>Changes to an application; a null field stays as it is.</summary>
[GenerateSerializer, Immutable]
public sealed record ApplicationUpdate(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] ImmutableArray<string>? RedirectUris,
    [property: Id(3)] ClientKeys? Keys = null);
