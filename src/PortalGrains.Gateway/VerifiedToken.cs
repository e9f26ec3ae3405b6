using System.Collections.Frozen;
using System.Collections.Immutable;

namespace PortalGrains.Gateway;

/// <summary>
/// A token whose signature, issuer and lifetime were checked, as this silo remembers it until its <c>exp</c>: the
/// claims, and the last answer built from them with the catalogue version and application it was built against.
/// </summary>
internal sealed class VerifiedToken(
    string issuer,
    ImmutableArray<string> providerIds,
    string? clientId,
    ImmutableArray<string> scopes,
    ImmutableArray<string> audience,
    DateTimeOffset expiresAt)
{
    public string Issuer { get; } = issuer;

    /// <summary>The providers with the token's issuer when it was verified, ordered by id.</summary>
    public ImmutableArray<string> ProviderIds { get; } = providerIds;

    public string? ClientId { get; } = clientId;

    public ImmutableArray<string> Scopes { get; } = scopes;

    public FrozenSet<string> ScopeSet { get; } = scopes.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The <c>aud</c> values, for each gateway to check its own.</summary>
    public ImmutableArray<string> Audience { get; } = audience;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>Replaced whole, so readers on other threads see either the old answer or the new one.</summary>
    public VerifiedAnswer? Answer { get; set; }
}
