namespace PortalGrains.Abstractions.Audit;

/// <summary>
/// One recorded change: who (<see cref="Actor"/>, the token's <c>sub</c>) did what (<see cref="Action"/>, e.g.
/// <c>product.upsert</c>) to which subject, and when. <see cref="Detail"/> never holds a secret.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AuditEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Action,
    [property: Id(4)] string SubjectType,
    [property: Id(5)] string SubjectId,
    [property: Id(6)] string? Detail);
