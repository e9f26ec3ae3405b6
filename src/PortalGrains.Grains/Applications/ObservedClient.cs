using PortalGrains.Grains.Common;
using PortalGrains.Grains.Provisioning;
using PortalGrains.Grains.Security;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Applications;

/// <summary>A client the identity provider holds for the application, with its secrets encrypted.</summary>
[GenerateSerializer]
public sealed class ObservedClient
{
    [Id(0)] public string ClientId { get; set; } = "";
    [Id(1)] public string? ProtectedClientSecret { get; set; }
    [Id(2)] public string? ProtectedRegistrationAccessToken { get; set; }
    [Id(3)] public string? RegistrationClientUri { get; set; }
    [Id(4)] public string ClientTypeId { get; set; } = "";
    [Id(5)] public StoredClientMetadata Metadata { get; set; } = new();
    [Id(6)] public DateTimeOffset IssuedAt { get; set; }
    [Id(7)] public DateTimeOffset? SecretExpiresAt { get; set; }
    [Id(8)] public string Issuer { get; set; } = "";
    [Id(9)] public string TokenEndpoint { get; set; } = "";

    /// <summary>Set when an update's answer was lost and the registration access token may no longer be valid.</summary>
    [Id(10)] public string? NeedsRecovery { get; set; }

    /// <summary>
    /// The jwks_uri and tls_client_auth_subject_dn last sent: identity providers may drop or normalize them in their
    /// answer, so the desired values are compared with what was sent, not with what came back.
    /// </summary>
    [Id(11)] public string? SentJwksUri { get; set; }

    [Id(12)] public string? SentTlsClientAuthSubjectDn { get; set; }

    /// <summary>
    /// An imported client no access request has reached yet: it is kept without grants (not deleted) and takes the
    /// client type of the first grant at its provider.
    /// </summary>
    [Id(13)] public bool AwaitingFirstGrant { get; set; }

    /// <summary>Records the key settings of the metadata just sent.</summary>
    public ObservedClient WithSent(ClientMetadata sent)
    {
        SentJwksUri = ClientKeyMetadata.JwksUri(sent);
        SentTlsClientAuthSubjectDn = ClientKeyMetadata.TlsClientAuthSubjectDn(sent);
        return this;
    }

    public static ObservedClient From(RegisteredClient client, string clientTypeId, RegistrationEndpoints endpoints, ISecretProtector secrets, DateTimeOffset now) => new()
    {
        ClientId = client.ClientId,
        ProtectedClientSecret = client.ClientSecret is { } secret ? secrets.Protect(secret) : null,
        ProtectedRegistrationAccessToken = client.RegistrationAccessToken is { } token ? secrets.Protect(token) : null,
        RegistrationClientUri = client.RegistrationClientUri?.ToString(),
        ClientTypeId = SharedStrings.Process.Share(clientTypeId),
        Metadata = StoredClientMetadata.From(client.Metadata),
        IssuedAt = client.ClientIdIssuedAt ?? now,
        SecretExpiresAt = client.ClientSecretExpiresAt,
        Issuer = SharedStrings.Process.Share(endpoints.Issuer.ToString().TrimEnd('/')),
        TokenEndpoint = SharedStrings.Process.Share(endpoints.TokenEndpoint.ToString()),
    };

    /// <summary>
    /// Replaces the text that clients at the same identity provider hold alike (issuer, token endpoint, client type,
    /// most of the metadata) with the process's shared instances. The client id, the registration URI and the
    /// protected secrets stay the client's own.
    /// </summary>
    public void ShareRepeatedText()
    {
        var pool = SharedStrings.Process;
        ClientTypeId = pool.Share(ClientTypeId);
        Issuer = pool.Share(Issuer);
        TokenEndpoint = pool.Share(TokenEndpoint);
        Metadata.ShareRepeatedText();
    }

    /// <summary>Takes in a newer answer for the same client, keeping what the answer leaves out (e.g. a secret shown only once).</summary>
    public ObservedClient Merge(RegisteredClient client, ISecretProtector secrets) => new()
    {
        ClientId = client.ClientId,
        ProtectedClientSecret = client.ClientSecret is { } secret ? secrets.Protect(secret) : ProtectedClientSecret,
        ProtectedRegistrationAccessToken = client.RegistrationAccessToken is { } token ? secrets.Protect(token) : ProtectedRegistrationAccessToken,
        RegistrationClientUri = client.RegistrationClientUri?.ToString() ?? RegistrationClientUri,
        ClientTypeId = ClientTypeId,
        Metadata = StoredClientMetadata.From(client.Metadata),
        IssuedAt = client.ClientIdIssuedAt ?? IssuedAt,
        SecretExpiresAt = client.ClientSecret is not null ? client.ClientSecretExpiresAt : SecretExpiresAt,
        Issuer = Issuer,
        TokenEndpoint = TokenEndpoint,
        SentJwksUri = SentJwksUri,
        SentTlsClientAuthSubjectDn = SentTlsClientAuthSubjectDn,
    };

    public RegisteredClient ToRegisteredClient(ISecretProtector secrets) => new()
    {
        ClientId = ClientId,
        ClientSecret = ProtectedClientSecret is { } secret ? secrets.Unprotect(secret) : null,
        ClientSecretExpiresAt = SecretExpiresAt,
        ClientIdIssuedAt = IssuedAt,
        RegistrationAccessToken = ProtectedRegistrationAccessToken is { } token ? secrets.Unprotect(token) : null,
        RegistrationClientUri = RegistrationClientUri is { } uri ? new Uri(uri) : null,
        Metadata = Metadata.ToMetadata(),
    };
}
