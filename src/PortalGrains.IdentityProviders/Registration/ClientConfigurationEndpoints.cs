using PortalGrains.IdentityProviders.Errors;

namespace PortalGrains.IdentityProviders.Registration;

/// <summary>
/// Where the registration access token may go: only to a client configuration endpoint (registration_client_uri, RFC 7592
/// §2) with the scheme, host and port of the registration endpoint. An identity provider that names another host (a
/// misconfigured public URL, or a hostile answer) would otherwise receive the token there.
/// </summary>
internal static class ClientConfigurationEndpoints
{
    public static bool SameOrigin(Uri left, Uri right) =>
        Uri.Compare(left, right, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>A client just registered whose registration_client_uri is on another origin: registered, but not manageable.</summary>
    public static IdentityProviderException ForeignAfterRegistration(RegisteredClient client, Uri clientUri, Uri registrationEndpoint) =>
        new(
            IdentityProviderErrorKind.Permanent,
            IdentityProviderOperation.Register,
            IdentityProviderMessages.ForeignRegistrationClientUri,
            $"The identity provider returned a registration URI on another host ({Origin(clientUri)}) than its registration endpoint "
            + $"({Origin(registrationEndpoint)}), so the registration access token is not sent there: client {client.ClientId} was created "
            + "at the identity provider but the portal cannot manage it. Delete it at the identity provider by hand, and correct the "
            + "identity provider's public URL or the provider's registration endpoint.")
        {
            ClientId = client.ClientId,
        };

    /// <summary>A stored client whose registration_client_uri is on another origin: nothing is sent to it.</summary>
    public static IdentityProviderException ForeignBeforeManagement(
        RegisteredClient client, Uri clientUri, Uri registrationEndpoint, IdentityProviderOperation operation) =>
        new(
            IdentityProviderErrorKind.Permanent,
            operation,
            IdentityProviderMessages.ForeignRegistrationClientUri,
            $"The registration URI of client {client.ClientId} is on another host ({Origin(clientUri)}) than the registration endpoint "
            + $"({Origin(registrationEndpoint)}): the registration access token is not sent there. Manage or delete the client at the "
            + "identity provider by hand.")
        {
            ClientId = client.ClientId,
        };

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
