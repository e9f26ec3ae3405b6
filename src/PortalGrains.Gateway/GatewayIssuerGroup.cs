using System.Collections.Immutable;
using PortalGrains.Abstractions.Gateway;

namespace PortalGrains.Gateway;

/// <summary>
/// One token issuer as a gateway sees it: its JWKS, the portal providers that use it, and the scope policies of the
/// catalogue entries whose tokens it issues (its providers' products, and every plan).
/// </summary>
public sealed record GatewayIssuerGroup(
    string Issuer,
    string JwksUri,
    ImmutableArray<string> ProviderIds,
    ImmutableArray<ScopePolicy> ScopePolicies);
