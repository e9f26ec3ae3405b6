namespace PortalGrains.Abstractions.Gateway;

[GenerateSerializer, Immutable]
public sealed record ScopePolicy(
    [property: Id(0)] string Scope,
    [property: Id(1)] string PolicyId,
    [property: Id(2)] string? ProductId,
    [property: Id(3)] string? PlanId);
