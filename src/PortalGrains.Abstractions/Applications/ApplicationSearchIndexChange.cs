namespace PortalGrains.Abstractions.Applications;

/// <summary>
/// A change of the admin search index: the application's entry as it is now (<see cref="Entry"/>), or out of the index
/// (null) from its place in the order, the time it was created.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ApplicationSearchIndexChange(
    [property: Id(0)] string ApplicationId,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] ApplicationSearchEntry? Entry);
