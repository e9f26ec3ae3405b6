using System.Net;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Provisioning;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Providers;

/// <summary>Checks an admin's provider settings before anything is stored, so mistakes surface at configuration time.</summary>
public sealed class ProviderSettingsValidator(ClientMetadataValidator metadataValidator, IOptions<OutboundPolicyOptions> outboundPolicy)
{
    private const string PlaceholderRedirectUri = "https://portal.invalid/callback";

    private static readonly HashSet<string> KnownAuthMethods =
        ["client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none", "tls_client_auth", "self_signed_tls_client_auth"];

    public IReadOnlyList<UserError> Validate(ProviderUpsert settings, bool allowInsecureHttp)
    {
        var errors = new List<UserError>();
        if (string.IsNullOrWhiteSpace(settings.Name))
        {
            errors.Add(UserError.For(UserErrorCodes.Required, "A provider needs a name.", "input", "name"));
        }
        else if (settings.Name.Length > InputLimits.MaxNameLength)
        {
            errors.Add(UserError.For(UserErrorCodes.TooLong, $"The name is longer than {InputLimits.MaxNameLength} characters.", "input", "name"));
        }

        var addressRules = outboundPolicy.Value;
        if (UrlProblem(settings.WellKnownUrl, allowInsecureHttp, addressRules) is { } wellKnownProblem)
        {
            errors.Add(UserError.For(UserErrorCodes.InvalidUrl, "wellKnownUrl " + wellKnownProblem, "input", "wellKnownUrl"));
        }

        if (settings.RegistrationEndpoint is { } registration && UrlProblem(registration, allowInsecureHttp, addressRules) is { } registrationProblem)
        {
            errors.Add(UserError.For(UserErrorCodes.InvalidUrl, "registrationEndpoint " + registrationProblem, "input", "registrationEndpoint"));
        }

        if (settings.SslInsecureSkipVerify && !addressRules.AllowInsecureTls)
        {
            errors.Add(UserError.For(UserErrorCodes.Invalid,
                $"Turning TLS certificate validation off is not allowed here ({OutboundPolicyOptions.SectionName}:AllowInsecureTls is off): the identity provider needs a certificate the portal trusts.",
                "input", "sslInsecureSkipVerify"));
        }

        ValidateCredentials(settings, errors);
        ValidateClientTypes(settings, errors);
        return errors;
    }

    /// <summary>
    /// Absolute http(s), no credentials or fragment, no IP literal the outbound policy refuses (cloud metadata,
    /// link-local, ...); plain http only on loopback unless allowed. Host names are checked on every connection.
    /// </summary>
    public static string? UrlProblem(string value, bool allowInsecureHttp, OutboundPolicyOptions addressRules)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > InputLimits.MaxUrlLength)
        {
            return $"must be an absolute URL of at most {InputLimits.MaxUrlLength} characters.";
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "must be an absolute http or https URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return "must not contain user information or a fragment.";
        }

        // The same rules as the connection guard, up front: such a provider would never be reachable, and the admin learns why now.
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address)
            && OutboundAddressRules.GetRefusalReason(address, addressRules) is { } refusal)
        {
            return $"must not point at this address: {refusal}.";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !allowInsecureHttp && !IsLoopback(uri))
        {
            return "must use https (plain http is allowed only on loopback).";
        }

        return null;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address));

    private static void ValidateCredentials(ProviderUpsert settings, List<UserError> errors)
    {
        if (settings.InitialAccessToken is not null && settings.InitialAccessTokenClient is not null)
        {
            errors.Add(UserError.For(UserErrorCodes.Invalid,
                "Give either a static initial access token or a client to fetch one, not both.", "input", "initialAccessTokenClient"));
        }

        if (settings.InitialAccessToken is { Length: 0 or > InputLimits.MaxSecretLength })
        {
            errors.Add(UserError.For(UserErrorCodes.Invalid, $"The initial access token must be 1 to {InputLimits.MaxSecretLength} characters.", "input", "initialAccessToken"));
        }

        if (settings.InitialAccessTokenClient is { } client
            && (string.IsNullOrWhiteSpace(client.ClientId) || string.IsNullOrEmpty(client.ClientSecret)))
        {
            errors.Add(UserError.For(UserErrorCodes.Required,
                "The initial access token client needs a client id and a secret.", "input", "initialAccessTokenClient"));
        }

        switch (settings.Kind)
        {
            // Okta's client API authenticates with an API token (SSWS), not OAuth (developer.okta.com/docs/reference/api/oauth-clients/).
            case ProviderKind.Okta when settings.InitialAccessToken is null:
                errors.Add(UserError.For(UserErrorCodes.Required, "Okta needs its API token as the initial access token.", "input", "initialAccessToken"));
                break;

            // Auth0 clients are managed with the Management API and an M2M application's token (auth0.com/docs/api/management/v2).
            case ProviderKind.Auth0 when settings.InitialAccessTokenClient is null:
                errors.Add(UserError.For(UserErrorCodes.Required,
                    "Auth0 needs a machine-to-machine client for its Management API (scope: the API identifier to grant).",
                    "input", "initialAccessTokenClient"));
                break;

            // Kong Konnect's DCR HTTP integration: the bridge's base URL and its X-API-KEY; the well-known URL is the real IdP's.
            case ProviderKind.HttpBridge:
                if (settings.RegistrationEndpoint is null)
                {
                    errors.Add(UserError.For(UserErrorCodes.Required,
                        "An HTTP bridge needs its base URL as the registration endpoint.", "input", "registrationEndpoint"));
                }

                if (settings.InitialAccessTokenClient is not null)
                {
                    errors.Add(UserError.For(UserErrorCodes.Invalid,
                        "An HTTP bridge authenticates with an API key (initialAccessToken, sent as X-API-KEY), not with a client.",
                        "input", "initialAccessTokenClient"));
                }

                break;
            // Entra ID has no registration endpoint: applications are created through Microsoft Graph with the token of the
            // portal's own app registration (learn.microsoft.com/graph/api/application-post-applications).
            case ProviderKind.Entra when settings.InitialAccessTokenClient is null:
                errors.Add(UserError.For(UserErrorCodes.Required,
                    "Entra ID needs the portal's app registration (client id and secret) for Microsoft Graph as initialAccessTokenClient.",
                    "input", "initialAccessTokenClient"));
                break;
        }

        ValidateApiApplicationId(settings, errors);
    }

    /// <summary>Entra ID names the API's app registration by its application id, a GUID; no other kind has one.</summary>
    private static void ValidateApiApplicationId(ProviderUpsert settings, List<UserError> errors)
    {
        if (settings.Kind != ProviderKind.Entra)
        {
            if (settings.ApiApplicationId is not null)
            {
                errors.Add(UserError.For(UserErrorCodes.Invalid, "apiApplicationId applies to ENTRA providers only.", "input", "apiApplicationId"));
            }

            return;
        }

        if (settings.ApiApplicationId is null)
        {
            errors.Add(UserError.For(UserErrorCodes.Required,
                "Entra ID needs the application id of the API's app registration, whose app roles are the product and plan scopes.",
                "input", "apiApplicationId"));
        }
        else if (!Guid.TryParseExact(settings.ApiApplicationId, "D", out _))
        {
            errors.Add(UserError.For(UserErrorCodes.Invalid,
                "apiApplicationId is an application (client) id: a GUID such as 00000000-0000-0000-0000-000000000000.", "input", "apiApplicationId"));
        }
    }

    private void ValidateClientTypes(ProviderUpsert settings, List<UserError> errors)
    {
        if (settings.ClientTypes.IsDefaultOrEmpty)
        {
            errors.Add(UserError.For(UserErrorCodes.Required, "A provider offers at least one client type.", "input", "clientTypes"));
            return;
        }

        if (settings.ClientTypes.Length > InputLimits.MaxClientTypes)
        {
            errors.Add(UserError.For(UserErrorCodes.TooMany, $"At most {InputLimits.MaxClientTypes} client types.", "input", "clientTypes"));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < settings.ClientTypes.Length; index++)
        {
            var clientType = settings.ClientTypes[index];
            var at = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!ids.Add(clientType.Id))
            {
                errors.Add(UserError.For(UserErrorCodes.Invalid, $"Client type id '{clientType.Id}' is used twice.", "input", "clientTypes", at, "id"));
            }

            if (string.IsNullOrWhiteSpace(clientType.Name) || clientType.Name.Length > InputLimits.MaxNameLength)
            {
                errors.Add(UserError.For(UserErrorCodes.Required, $"A client type needs a name of at most {InputLimits.MaxNameLength} characters.", "input", "clientTypes", at, "name"));
            }

            if (!KnownAuthMethods.Contains(clientType.TokenEndpointAuthMethod))
            {
                errors.Add(UserError.For(UserErrorCodes.InvalidClientType,
                    $"Unknown token endpoint auth method '{clientType.TokenEndpointAuthMethod}'.", "input", "clientTypes", at, "tokenEndpointAuthMethod"));
            }

            if (clientType.OktaApplicationType is not null && settings.Kind != ProviderKind.Okta)
            {
                errors.Add(UserError.For(UserErrorCodes.InvalidClientType,
                    "oktaApplicationType applies to Okta providers only.", "input", "clientTypes", at, "oktaApplicationType"));
            }

            if (clientType.SoftwareId is not null && settings.Kind is ProviderKind.Okta or ProviderKind.Auth0 or ProviderKind.HttpBridge)
            {
                errors.Add(UserError.For(UserErrorCodes.InvalidClientType,
                    $"softwareId is not sent to {settings.Kind} providers (their APIs have no software_id).", "input", "clientTypes", at, "softwareId"));
            }

            if (clientType.RequirePkce && clientType.TokenEndpointAuthMethod != "none")
            {
                errors.Add(UserError.For(UserErrorCodes.InvalidClientType,
                    "requirePkce applies to public clients (tokenEndpointAuthMethod none).", "input", "clientTypes", at, "requirePkce"));
            }

            var metadata = ClientMetadataFactory.Create(clientType, ["portal"], [PlaceholderRedirectUri]);
            foreach (var problem in metadataValidator.Validate(settings.Kind.ToDriverKind(), metadata))
            {
                errors.Add(UserError.For(UserErrorCodes.InvalidClientType, problem.Message, "input", "clientTypes", at, FieldName(problem.Field)));
            }
        }
    }

    private static string FieldName(string metadataField) => metadataField switch
    {
        "grant_types" => "grantTypes",
        "response_types" => "responseTypes",
        "token_endpoint_auth_method" => "tokenEndpointAuthMethod",
        "application_type" => "oktaApplicationType",
        _ => metadataField,
    };
}
