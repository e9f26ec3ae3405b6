namespace PortalGrains.IdentityProviders.Errors;

/// <summary>The short, stable developer-facing sentences of <see cref="IdentityProviderException.DeveloperMessage"/>.</summary>
public static class IdentityProviderMessages
{
    public const string Unavailable = "The identity provider is temporarily unavailable; the portal will retry.";
    public const string RateLimited = "The identity provider is busy; the portal will retry.";
    public const string Unconfirmed = "The identity provider did not confirm the operation; the portal will check and recover.";
    public const string InvalidRedirectUri = "The identity provider rejected the redirect URI.";
    public const string InvalidClientMetadata = "The identity provider rejected the client settings.";
    public const string InvalidScope = "The identity provider refused one or more of the requested scopes.";
    public const string InvalidSoftwareStatement = "The identity provider rejected the software statement.";
    public const string CredentialsRefused = "The identity provider refused the portal's credentials.";
    public const string RegistrationTokenRefused = "The identity provider refused the portal's access to this client.";
    public const string ClientNotFound = "The client no longer exists at the identity provider.";
    public const string ClientStillExists = "The identity provider refused to delete the client, which still exists.";
    public const string Rejected = "The identity provider rejected the request.";
    public const string Unsupported = "The identity provider does not support this operation.";
    public const string InvalidResponse = "The identity provider answered with an unexpected response.";
    public const string Unreachable = "The identity provider could not be reached; the portal will retry.";
    public const string ForeignRegistrationClientUri = "The identity provider returned a client the portal cannot manage.";
    public const string AddressRefused = "The portal does not call the identity provider at this address.";
    public const string NotConfiguredCorrectly = "The identity provider is not configured correctly.";
    public const string MetadataUnavailable = "The identity provider is not reachable right now.";
}
