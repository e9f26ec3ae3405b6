using PortalGrains.IdentityProviders.Errors;

namespace PortalGrains.IdentityProviders.Discovery;

/// <summary>
/// The discovery document states another issuer than the configured one (OpenID Connect Discovery 1.0 §4.3:
/// they must be identical, or tokens from one issuer could be accepted for another).
/// </summary>
public sealed class IdentityProviderIssuerMismatchException(string providerId, string expectedIssuer, string? actualIssuer)
    : IdentityProviderMetadataException(
        providerId,
        ProviderMetadataKind.Discovery,
        $"Identity provider '{providerId}': issuer mismatch: expected {expectedIssuer}, got {actualIssuer ?? "no issuer"}")
{
    public override IdentityProviderErrorKind ErrorKind => IdentityProviderErrorKind.Permanent;

    public string ExpectedIssuer { get; } = expectedIssuer;

    public string? ActualIssuer { get; } = actualIssuer;
}
