using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Providers;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Provisioning;

/// <summary>The client metadata a client type, a set of scopes and redirect URIs ask the identity provider for.</summary>
public static class ClientMetadataFactory
{
    public static ClientMetadata Create(
        ClientTypeSpec clientType, IEnumerable<string> scopes, IEnumerable<string> redirectUris, ClientKeys? keys = null) => new()
    {
        GrantTypes = [.. clientType.GrantTypes],
        ResponseTypes = [.. clientType.ResponseTypes],
        TokenEndpointAuthMethod = clientType.TokenEndpointAuthMethod,
        ApplicationType = clientType.OktaApplicationType,
        SoftwareId = clientType.SoftwareId,
        RequirePkce = clientType.RequirePkce,
        Scopes = [.. scopes],
        // Redirect URIs mean nothing to a client without a redirect-based grant; some IdPs refuse them there.
        RedirectUris = clientType.UsesRedirects ? [.. redirectUris] : [],
        Extensions = ClientKeyMetadata.For(clientType.TokenEndpointAuthMethod, keys ?? ClientKeys.None),
    };
}
