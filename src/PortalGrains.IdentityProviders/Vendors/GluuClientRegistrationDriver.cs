using Microsoft.Extensions.Logging;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.IdentityProviders.Vendors;

/// <summary>
/// Gluu Server (oxAuth; Janssen/Gluu Flex alike): RFC 7591 registration at the discovered registration_endpoint
/// (/oxauth/restv1/register) and RFC 7592 management (gluu.org/docs/gluu-server/admin-guide/openid-connect/#dynamic-client-registration).
/// What differs: DELETE on the client configuration endpoint exists only from Gluu 4.1; older servers answer 405,
/// which is reported as Unsupported. Secrets are rotated with a replacement client (no rotation API); on a server
/// that cannot delete, the previous client must be removed by an administrator or left to expire
/// (Gluu gives dynamic clients a client_secret_expires_at by default: dynamicRegistrationExpirationTime).
/// </summary>
public sealed class GluuClientRegistrationDriver(
    InitialAccessTokenProvider tokens, TimeProvider? timeProvider = null, ILogger? logger = null)
    : Rfc7591ClientRegistrationDriver(tokens, timeProvider, logger)
{
    public override IdentityProviderKind Kind => IdentityProviderKind.Gluu;

    private protected override IdentityProviderException TranslateError(
        IdentityProviderException error, IdentityProviderResponse response) =>
        error.Operation == IdentityProviderOperation.Delete && response.Status == 405
            ? error.Reclassify(
                IdentityProviderErrorKind.Unsupported,
                IdentityProviderMessages.Unsupported,
                "This Gluu server cannot delete clients through RFC 7592 (DELETE is supported from Gluu 4.1 on): "
                + "remove the client in the Gluu admin UI, or let it expire.")
            : error;
}
