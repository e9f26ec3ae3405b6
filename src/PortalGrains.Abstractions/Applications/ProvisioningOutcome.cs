namespace PortalGrains.Abstractions.Applications;

/// <summary>
/// Where provisioning of one grant stands. <see cref="DeveloperMessage"/> is short and stable;
/// <see cref="AdminDetail"/> has the identity provider's status and error; both carry <see cref="CorrelationId"/>,
/// which also stands in the logs.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ProvisioningOutcome(
    [property: Id(0)] string AccessRequestId,
    [property: Id(1)] ProvisioningState State,
    [property: Id(2)] string? DeveloperMessage,
    [property: Id(3)] string? AdminDetail,
    [property: Id(4)] string? CorrelationId,
    [property: Id(5)] DateTimeOffset At);
