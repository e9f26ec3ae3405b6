using System.Collections.Immutable;

namespace PortalGrains.Abstractions.AccessRequests;

[GenerateSerializer, Immutable]
public sealed record AccessRequestView(
    [property: Id(0)] string Id,
    [property: Id(1)] AccessRequestStatus Status,
    [property: Id(2)] string DeveloperId,
    [property: Id(3)] string ApplicationId,
    [property: Id(4)] string ProductId,
    [property: Id(5)] string PlanId,
    [property: Id(6)] string ProviderId,
    [property: Id(7)] string ClientTypeId,
    [property: Id(8)] ImmutableArray<string> Scopes,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset UpdatedAt,
    [property: Id(11)] string? DecidedBy,
    [property: Id(12)] string? FailureMessage,
    [property: Id(13)] string? FailureDetail,
    [property: Id(14)] string? CorrelationId,
    [property: Id(15)] ImmutableArray<StatusChange> History);
