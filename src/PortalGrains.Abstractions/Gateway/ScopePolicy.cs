using PortalGrains.Abstractions.Catalog;

namespace PortalGrains.Abstractions.Gateway;

/// <summary>One scope and the gateway policy it maps to; a plan's scopes also carry the plan's limits.</summary>
[GenerateSerializer, Immutable]
public sealed record ScopePolicy(
    [property: Id(0)] string Scope,
    [property: Id(1)] string PolicyId,
    [property: Id(2)] string? ProductId,
    [property: Id(3)] string? PlanId,
    [property: Id(4)] RateLimit? RateLimit = null,
    [property: Id(5)] Quota? Quota = null);
