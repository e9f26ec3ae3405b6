using System.Text.Json;
using PortalGrains.Abstractions.Applications;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Provisioning;

/// <summary>The client metadata of key-based client authentication: jwks_uri (RFC 7591 §2) and tls_client_auth_subject_dn (RFC 8705 §2.1.2).</summary>
public static class ClientKeyMetadata
{
    public const string JwksUriField = "jwks_uri";
    public const string TlsClientAuthSubjectDnField = "tls_client_auth_subject_dn";

    /// <summary>The fields the client type's authentication method uses, from the application's keys.</summary>
    public static IReadOnlyDictionary<string, JsonElement> For(string tokenEndpointAuthMethod, ClientKeys keys)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (tokenEndpointAuthMethod == "private_key_jwt" && keys.JwksUri is { } jwksUri)
        {
            fields[JwksUriField] = JsonSerializer.SerializeToElement(jwksUri);
        }

        if (tokenEndpointAuthMethod == "tls_client_auth" && keys.TlsClientAuthSubjectDn is { } subjectDn)
        {
            fields[TlsClientAuthSubjectDnField] = JsonSerializer.SerializeToElement(subjectDn);
        }

        return fields.Count == 0 ? ClientMetadata.NoExtensions : fields;
    }

    public static string? JwksUri(ClientMetadata metadata) => Text(metadata, JwksUriField);

    public static string? TlsClientAuthSubjectDn(ClientMetadata metadata) => Text(metadata, TlsClientAuthSubjectDnField);

    private static string? Text(ClientMetadata metadata, string field) =>
        metadata.Extensions.TryGetValue(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
