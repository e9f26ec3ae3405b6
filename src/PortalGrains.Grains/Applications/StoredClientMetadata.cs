using System.Text.Json;
using PortalGrains.Grains.Common;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Applications;

/// <summary>Client metadata as the identity provider returned it, in a form grain storage keeps.</summary>
[GenerateSerializer]
public sealed class StoredClientMetadata
{
    [Id(0)] public string? ClientName { get; set; }
    [Id(1)] public List<string> RedirectUris { get; set; } = [];
    [Id(2)] public List<string> GrantTypes { get; set; } = [];
    [Id(3)] public List<string> ResponseTypes { get; set; } = [];
    [Id(4)] public string? TokenEndpointAuthMethod { get; set; }
    [Id(5)] public List<string> Scopes { get; set; } = [];
    [Id(6)] public string? ApplicationType { get; set; }
    [Id(7)] public string? SoftwareId { get; set; }

    /// <summary>Other fields as raw JSON text (public metadata only; secrets are never among them).</summary>
    [Id(8)] public Dictionary<string, string> Extensions { get; set; } = [];

    public static StoredClientMetadata From(ClientMetadata metadata) => new StoredClientMetadata
    {
        ClientName = metadata.ClientName,
        RedirectUris = [.. metadata.RedirectUris],
        GrantTypes = [.. metadata.GrantTypes],
        ResponseTypes = [.. metadata.ResponseTypes],
        TokenEndpointAuthMethod = metadata.TokenEndpointAuthMethod,
        Scopes = [.. metadata.Scopes],
        ApplicationType = metadata.ApplicationType,
        SoftwareId = metadata.SoftwareId,
        Extensions = metadata.Extensions.ToDictionary(e => e.Key, e => e.Value.GetRawText()),
    }.ShareRepeatedText();

    /// <summary>
    /// Replaces the text that clients at the same identity provider hold alike (extension fields, grant and response
    /// types, scopes, redirect URIs) with the process's shared instances; the client name stays the client's own.
    /// </summary>
    public StoredClientMetadata ShareRepeatedText()
    {
        var pool = SharedStrings.Process;
        pool.ShareAll(RedirectUris);
        pool.ShareAll(GrantTypes);
        pool.ShareAll(ResponseTypes);
        pool.ShareAll(Scopes);
        TokenEndpointAuthMethod = pool.Share(TokenEndpointAuthMethod);
        ApplicationType = pool.Share(ApplicationType);
        SoftwareId = pool.Share(SoftwareId);
        if (Extensions.Count > 0)
        {
            Extensions = Extensions.ToDictionary(e => pool.Share(e.Key), e => pool.Share(e.Value));
        }

        return this;
    }

    public ClientMetadata ToMetadata() => new()
    {
        ClientName = ClientName,
        RedirectUris = [.. RedirectUris],
        GrantTypes = [.. GrantTypes],
        ResponseTypes = [.. ResponseTypes],
        TokenEndpointAuthMethod = TokenEndpointAuthMethod,
        Scopes = [.. Scopes],
        ApplicationType = ApplicationType,
        SoftwareId = SoftwareId,
        Extensions = Extensions.Count == 0
            ? ClientMetadata.NoExtensions
            : Extensions.ToDictionary(e => e.Key, e => JsonDocument.Parse(e.Value).RootElement.Clone()),
    };
}
