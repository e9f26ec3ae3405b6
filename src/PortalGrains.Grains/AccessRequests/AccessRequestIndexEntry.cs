namespace PortalGrains.Grains.AccessRequests;

[GenerateSerializer, Immutable]
public sealed record AccessRequestIndexEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset CreatedAt);
