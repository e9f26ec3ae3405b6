using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Gateway;

/// <summary>What an API gateway needs: issuers with their JWKS, scopes with their policies, and ready-made exports.</summary>
[GenerateSerializer, Immutable]
public sealed record GatewayConfiguration(
    [property: Id(0)] ImmutableArray<GatewayIssuer> Issuers,
    [property: Id(1)] ImmutableArray<ScopePolicy> ScopePolicies,
    [property: Id(2)] string TykJson,
    [property: Id(3)] string KongJson);
