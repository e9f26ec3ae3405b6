using Microsoft.Extensions.Logging;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.IdentityProviders.Vendors;

/// <summary>
/// Keycloak's client registration service, OpenID Connect provider
/// (keycloak.org/securing-apps/client-registration). What differs from plain RFC 7591/7592:
/// <list type="bullet">
/// <item>the endpoint is {issuer}/clients-registrations/openid-connect (issuer = {base}/realms/{realm});</item>
/// <item>the registration access token is replaced on every update, and the PUT body must carry the client_id
/// (both as the generic driver already does); software_id is kept (OIDCClientRepresentation), so the portal tag
/// goes there too;</item>
/// <item>the "Allowed Client Scopes" registration policy refuses any scope that is not a realm client scope
/// allowed to registered clients (realm Optional client scopes) with 403 insufficient_scope;</item>
/// <item>there is no rotation through the registration service (the admin endpoint
/// POST /admin/realms/{realm}/clients/{id}/client-secret needs the realm-management manage-clients role, which the
/// portal should not hold), so secrets are rotated with a replacement client.</item>
/// </list>
/// </summary>
public sealed class KeycloakClientRegistrationDriver(
    InitialAccessTokenProvider tokens, TimeProvider? timeProvider = null, ILogger? logger = null)
    : Rfc7591ClientRegistrationDriver(tokens, timeProvider, logger)
{
    public const string RegistrationPath = "clients-registrations/openid-connect";

    public override IdentityProviderKind Kind => IdentityProviderKind.Keycloak;

    /// <summary>Keycloak's client attribute that makes PKCE with S256 mandatory (Advanced > "Proof Key for Code Exchange Code Challenge Method").</summary>
    private protected override KeyValuePair<string, string>? PkceFlag => new("pkce.code.challenge.method", "S256");

    private protected override Uri ResolveRegistrationEndpoint(RegistrationEndpoints endpoints) =>
        endpoints.RegistrationEndpoint ?? new Uri(WithTrailingSlash(endpoints.Issuer), RegistrationPath);

    private protected override IdentityProviderException TranslateError(
        IdentityProviderException error, IdentityProviderResponse response)
    {
        var description = error.ErrorDescription ?? string.Empty;
        if (response.Status == 403 && description.Contains("Allowed Client Scopes", StringComparison.OrdinalIgnoreCase))
        {
            return error.Reclassify(
                IdentityProviderErrorKind.Permanent,
                IdentityProviderMessages.InvalidScope,
                "Keycloak's 'Allowed Client Scopes' client registration policy refused a requested scope: every scope "
                + "of the product and plan must exist in the realm as a client scope and be allowed to registered "
                + "clients (add it to the realm's Optional client scopes, or to the policy's allowed scopes). "
                + $"Keycloak said: {description}",
                "invalid_scope");
        }

        if (response.Status == 403 && description.Contains("Policy", StringComparison.Ordinal))
        {
            return error.Reclassify(
                IdentityProviderErrorKind.Permanent,
                IdentityProviderMessages.Rejected,
                $"A Keycloak client registration policy refused the request (Realm settings > Client registration): {description}");
        }

        return error;
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
