using System.Collections.Immutable;

namespace PortalGrains.Abstractions.AccessRequests;

[GenerateSerializer, Immutable]
public sealed record AccessRequestDraft(
    [property: Id(0)] string DeveloperId,
    [property: Id(1)] string ApplicationId,
    [property: Id(2)] string ProductId,
    [property: Id(3)] string PlanId,
    [property: Id(4)] string ProviderId,
    [property: Id(5)] string ClientTypeId,
    [property: Id(6)] ImmutableArray<string> Scopes);
