namespace PortalGrains.Abstractions.Applications;

/// <summary>A change of the pending-work index: the application's work is due at <see cref="DueAt"/>, or none is (null).</summary>
[GenerateSerializer, Immutable]
public sealed record PendingReconciliationChange(
    [property: Id(0)] string ApplicationId,
    [property: Id(1)] DateTimeOffset? DueAt);
