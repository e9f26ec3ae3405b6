using PortalGrains.IdentityProviders.Errors;

namespace PortalGrains.IdentityProviders.Discovery;

/// <summary>
/// The document could not be fetched (IdP unreachable, refused, timed out, error status) and no earlier copy
/// is cached.
/// </summary>
public sealed class IdentityProviderMetadataUnavailableException(
    string providerId, ProviderMetadataKind kind, Uri url, string reason, Exception? innerException = null)
    : IdentityProviderMetadataException(
        providerId,
        kind,
        $"{(kind == ProviderMetadataKind.Discovery ? "Discovery document" : "JWKS")} of identity provider '{providerId}' could not be fetched from {url}: {reason}",
        innerException)
{
    public override IdentityProviderErrorKind ErrorKind => IdentityProviderErrorKind.Transient;

    public Uri Url { get; } = url;

    public string Reason { get; } = reason;
}
