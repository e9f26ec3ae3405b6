namespace PortalGrains.Abstractions.Applications;

/// <summary>One identity provider operation of an application, for the audit: what, at which provider, who caused it, and how it ended.</summary>
[GenerateSerializer, Immutable]
public sealed record IdentityProviderOperationRecord(
    [property: Id(0)] string OperationId,
    [property: Id(1)] string Operation,
    [property: Id(2)] string ProviderId,
    [property: Id(3)] string? ClientId,
    [property: Id(4)] string Actor,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] string Outcome,
    [property: Id(7)] string? Detail,
    [property: Id(8)] string CorrelationId);
