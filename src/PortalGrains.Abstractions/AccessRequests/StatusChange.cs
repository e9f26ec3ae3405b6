namespace PortalGrains.Abstractions.AccessRequests;

/// <summary>One step of an access request's history.</summary>
[GenerateSerializer, Immutable]
public sealed record StatusChange(
    [property: Id(0)] AccessRequestStatus? From,
    [property: Id(1)] AccessRequestStatus To,
    [property: Id(2)] string Actor,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string? Note);
