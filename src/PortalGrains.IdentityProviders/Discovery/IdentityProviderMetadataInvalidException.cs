using PortalGrains.IdentityProviders.Errors;

namespace PortalGrains.IdentityProviders.Discovery;

/// <summary>
/// The document was fetched but breaks the policy: plain http where it is not allowed, an endpoint outside
/// the issuer, missing jwks_uri, or content that is not a discovery document or key set.
/// </summary>
public sealed class IdentityProviderMetadataInvalidException(
    string providerId, ProviderMetadataKind kind, Uri url, string reason, Exception? innerException = null)
    : IdentityProviderMetadataException(
        providerId,
        kind,
        $"{(kind == ProviderMetadataKind.Discovery ? "Discovery document" : "JWKS")} of identity provider '{providerId}' at {url} is not acceptable: {reason}",
        innerException)
{
    public override IdentityProviderErrorKind ErrorKind => IdentityProviderErrorKind.Permanent;

    public Uri Url { get; } = url;

    public string Reason { get; } = reason;
}
