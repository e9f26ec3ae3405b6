using PortalGrains.IdentityProviders.Errors;

namespace PortalGrains.IdentityProviders.Discovery;

/// <summary>
/// A provider's discovery document or key set could not be obtained or was not acceptable. Typed like
/// <see cref="IdentityProviderException"/>: <see cref="ErrorKind"/> says what the caller should do next.
/// </summary>
public abstract class IdentityProviderMetadataException : Exception
{
    protected IdentityProviderMetadataException(
        string providerId, ProviderMetadataKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ProviderId = providerId;
        Kind = kind;
    }

    public string ProviderId { get; }

    /// <summary>Which document failed.</summary>
    public ProviderMetadataKind Kind { get; }

    /// <summary>Transient where fetching again may help, Permanent where the provider's settings or document must change.</summary>
    public abstract IdentityProviderErrorKind ErrorKind { get; }

    /// <summary>A short, stable sentence for the developer; <see cref="Exception.Message"/> is the admin's detail.</summary>
    public string DeveloperMessage => ErrorKind == IdentityProviderErrorKind.Transient
        ? IdentityProviderMessages.MetadataUnavailable
        : IdentityProviderMessages.NotConfiguredCorrectly;
}
