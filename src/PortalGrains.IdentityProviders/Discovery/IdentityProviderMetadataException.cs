namespace PortalGrains.IdentityProviders.Discovery;

/// <summary>A provider's discovery document or key set could not be obtained or was not acceptable.</summary>
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
}
