using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Applications;

[GenerateSerializer, Immutable]
public sealed record ApplicationDraft(
    [property: Id(0)] string OwnerId,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Description,
    [property: Id(3)] ImmutableArray<string> RedirectUris,
    [property: Id(4)] ClientKeys? Keys = null,
    [property: Id(5)] string? TeamId = null);
