using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PortalGrains.IdentityProviders.Registration;

/// <summary>RFC 7591 client metadata documents: writing requests and reading answers.</summary>
internal static class ClientJson
{
    /// <summary>
    /// Fields that describe the registration rather than the client (RFC 7591 §3.2.1, RFC 7592 §3). They are never
    /// sent from metadata, and RFC 7592 §2.2 forbids sending registration_access_token, registration_client_uri,
    /// client_secret_expires_at and client_id_issued_at in an update.
    /// </summary>
    public static readonly FrozenSet<string> RegistrationFields = FrozenSet.ToFrozenSet(
        [
            "client_id",
            "client_secret",
            "client_secret_expires_at",
            "client_id_issued_at",
            "registration_access_token",
            "registration_client_uri",
        ],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> MetadataFields = FrozenSet.ToFrozenSet(
        [
            "client_name",
            "redirect_uris",
            "grant_types",
            "response_types",
            "token_endpoint_auth_method",
            "scope",
            "application_type",
            "software_id",
        ],
        StringComparer.Ordinal);

    /// <summary>
    /// The request document. redirect_uris, grant_types and response_types are always sent, empty or not:
    /// servers default a missing response_types to ["code"] (OpenID Connect Registration §2), which a
    /// client_credentials-only client must not get.
    /// </summary>
    public static JsonObject ToDocument(ClientMetadata metadata, string clientName, string? softwareId, bool includeScope = true)
    {
        var document = new JsonObject
        {
            ["client_name"] = clientName,
            ["redirect_uris"] = Array(metadata.RedirectUris),
            ["grant_types"] = Array(metadata.GrantTypes),
            ["response_types"] = Array(metadata.ResponseTypes),
        };
        if (metadata.TokenEndpointAuthMethod is { } authMethod)
        {
            document["token_endpoint_auth_method"] = authMethod;
        }

        if (includeScope && metadata.Scopes.Count > 0)
        {
            document["scope"] = string.Join(' ', metadata.Scopes);
        }

        if (metadata.ApplicationType is { } applicationType)
        {
            document["application_type"] = applicationType;
        }

        if (softwareId is not null)
        {
            document["software_id"] = softwareId;
        }

        AddExtensions(document, metadata.Extensions);
        return document;
    }

    public static void AddExtensions(JsonObject document, IReadOnlyDictionary<string, JsonElement> extensions)
    {
        foreach (var (name, value) in extensions.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!RegistrationFields.Contains(name) && !document.ContainsKey(name))
            {
                document[name] = JsonNode.Parse(value.GetRawText());
            }
        }
    }

    public static JsonArray Array(IEnumerable<string> values) => new(values.Select(value => (JsonNode?)JsonValue.Create(value)).ToArray());

    /// <summary>The metadata of an RFC 7591 §3.2.1 response: known fields typed, the others kept as extensions.</summary>
    public static ClientMetadata ReadMetadata(JsonElement root)
    {
        var extensions = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!RegistrationFields.Contains(property.Name)
                && !MetadataFields.Contains(property.Name)
                && property.Value.ValueKind != JsonValueKind.Null)
            {
                extensions[property.Name] = property.Value.Clone();
            }
        }

        return new ClientMetadata
        {
            ClientName = String(root, "client_name"),
            RedirectUris = Strings(root, "redirect_uris"),
            GrantTypes = Strings(root, "grant_types"),
            ResponseTypes = Strings(root, "response_types"),
            TokenEndpointAuthMethod = String(root, "token_endpoint_auth_method"),
            Scopes = Scopes(root, "scope"),
            ApplicationType = String(root, "application_type"),
            SoftwareId = String(root, "software_id"),
            Extensions = extensions.Count == 0 ? ClientMetadata.NoExtensions : extensions.ToFrozenDictionary(StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// A registered client from a registration or management answer. Values the answer leaves out (a secret shown
    /// only once, a registration access token that was not rotated) are kept from <paramref name="previous"/>.
    /// </summary>
    public static RegisteredClient? ReadClient(JsonElement root, RegisteredClient? previous)
    {
        if (root.ValueKind != JsonValueKind.Object || String(root, "client_id") is not { Length: > 0 } clientId)
        {
            return null;
        }

        var sameClient = previous is not null && string.Equals(previous.ClientId, clientId, StringComparison.Ordinal);
        var secret = String(root, "client_secret");
        var secretExpiry = root.TryGetProperty("client_secret_expires_at", out _)
            ? EpochOrNull(root, "client_secret_expires_at")
            : sameClient && secret is null ? previous!.ClientSecretExpiresAt : null;

        return new RegisteredClient
        {
            ClientId = clientId,
            ClientSecret = secret ?? (sameClient ? previous!.ClientSecret : null),
            ClientSecretExpiresAt = secretExpiry,
            ClientIdIssuedAt = EpochOrNull(root, "client_id_issued_at") ?? (sameClient ? previous!.ClientIdIssuedAt : null),
            RegistrationAccessToken = String(root, "registration_access_token")
                ?? (sameClient ? previous!.RegistrationAccessToken : null),
            RegistrationClientUri = AbsoluteUri(String(root, "registration_client_uri"))
                ?? (sameClient ? previous!.RegistrationClientUri : null),
            Metadata = ReadMetadata(root),
        };
    }

    /// <summary>A string member of an object; null when it is missing, not a string, or the element is no object.</summary>
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static IReadOnlyList<string> Strings(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray()
                .Where(item => item.ValueKind == JsonValueKind.String)
                .Select(item => item.GetString()!)
                .ToArray(),
            JsonValueKind.String => [value.GetString()!],
            _ => [],
        };
    }

    /// <summary>RFC 7591 §2: scope is one space-separated string; some servers answer with an array.</summary>
    public static IReadOnlyList<string> Scopes(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            JsonValueKind.Array => Strings(element, name),
            _ => [],
        };
    }

    public static Uri? AbsoluteUri(string? value) =>
        value is not null && Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>Seconds since the epoch; 0, absent or unreadable is null (RFC 7591 §3.2.1: 0 means "never").</summary>
    private static DateTimeOffset? EpochOrNull(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        long seconds;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            seconds = number;
        }
        else if (value.ValueKind == JsonValueKind.String
                 && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            seconds = parsed;
        }
        else
        {
            return null;
        }

        return seconds <= 0 ? null : DateTimeOffset.FromUnixTimeSeconds(seconds);
    }
}
