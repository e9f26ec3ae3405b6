using System.Collections.Frozen;
using System.Net;
using System.Text.RegularExpressions;
using PortalGrains.IdentityProviders.Vendors;

namespace PortalGrains.IdentityProviders.Registration;

/// <summary>
/// Checks client metadata before it is sent, so that an admin learns at configuration time (client types) and a
/// developer at checkout (redirect URIs) what an identity provider would refuse, or what the portal must refuse
/// itself because the identity provider would accept it (oidc-provider accepts wildcard and plain-http redirect
/// URIs; RFC 9700 §2.1 and §4.1.3 require exact, https redirect URIs).
/// </summary>
public sealed partial class ClientMetadataValidator
{
    private const string ClientCredentials = "client_credentials";
    private const string AuthorizationCode = "authorization_code";
    private const string Implicit = "implicit";
    private const string RefreshToken = "refresh_token";
    private const string Password = "password";

    private static readonly FrozenSet<string> KnownAuthMethods = FrozenSet.ToFrozenSet(
        ["none", "client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth"],
        StringComparer.Ordinal);

    // developer.okta.com/docs/reference/api/oauth-clients, "Client Application properties"
    private static readonly FrozenSet<string> OktaAuthMethods = FrozenSet.ToFrozenSet(
        ["none", "client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt"], StringComparer.Ordinal);

    // auth0.com/docs/get-started/applications/confidential-and-public-applications (token_endpoint_auth_method)
    private static readonly FrozenSet<string> Auth0AuthMethods = FrozenSet.ToFrozenSet(
        ["none", "client_secret_basic", "client_secret_post"], StringComparer.Ordinal);

    // learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow: a secret in the Authorization
    // header or the body, or a public client; certificates (private_key_jwt) are not uploaded by the portal
    private static readonly FrozenSet<string> EntraAuthMethods = FrozenSet.ToFrozenSet(
        ["none", "client_secret_basic", "client_secret_post"], StringComparer.Ordinal);

    // developer.okta.com/docs/reference/api/oauth-clients: valid grant types per application type
    private static readonly FrozenDictionary<string, FrozenSet<string>> OktaGrantsByApplicationType =
        new Dictionary<string, FrozenSet<string>>
        {
            ["browser"] = FrozenSet.ToFrozenSet([AuthorizationCode, Implicit], StringComparer.Ordinal),
            ["native"] = FrozenSet.ToFrozenSet([AuthorizationCode, Implicit, Password, RefreshToken], StringComparer.Ordinal),
            ["service"] = FrozenSet.ToFrozenSet([ClientCredentials], StringComparer.Ordinal),
            ["web"] = FrozenSet.ToFrozenSet([AuthorizationCode, Implicit, RefreshToken, ClientCredentials], StringComparer.Ordinal),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public IReadOnlyList<ClientMetadataValidationError> Validate(IdentityProviderKind kind, ClientMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var errors = new List<ClientMetadataValidationError>();
        ValidateGrantsAndResponseTypes(metadata, errors);
        ValidateRedirectUris(metadata, errors);
        ValidateAuthMethod(kind, metadata, errors);
        ValidateScopes(metadata, errors);
        switch (kind)
        {
            case IdentityProviderKind.Okta:
                ValidateOkta(metadata, errors);
                break;
            case IdentityProviderKind.Auth0:
                ValidateAuth0(metadata, errors);
                break;
            default:
                ValidateOpenIdApplicationType(metadata, errors);
                break;
        }

        return errors;
    }

    /// <summary>RFC 7591 §2.1: the grant types and response types a client uses must go together.</summary>
    private static void ValidateGrantsAndResponseTypes(ClientMetadata metadata, List<ClientMetadataValidationError> errors)
    {
        var grants = metadata.GrantTypes;
        var responseTypes = ResponseTypeParts(metadata);
        if (grants.Count == 0)
        {
            errors.Add(new(ClientMetadataErrorCodes.GrantTypesRequired, "grant_types", "At least one grant type is required."));
        }

        if (grants.Contains(AuthorizationCode) && !responseTypes.Contains("code"))
        {
            errors.Add(new(ClientMetadataErrorCodes.ResponseTypeMissing, "response_types",
                "The authorization_code grant needs the response type \"code\"."));
        }

        if (grants.Contains(Implicit) && !responseTypes.Contains("token") && !responseTypes.Contains("id_token"))
        {
            errors.Add(new(ClientMetadataErrorCodes.ResponseTypeMissing, "response_types",
                "The implicit grant needs the response type \"token\" (or \"id_token\")."));
        }

        if (responseTypes.Contains("code") && !grants.Contains(AuthorizationCode))
        {
            errors.Add(new(ClientMetadataErrorCodes.GrantTypeMissing, "grant_types",
                "The response type \"code\" needs the authorization_code grant."));
        }

        if ((responseTypes.Contains("token") || responseTypes.Contains("id_token"))
            && !grants.Contains(Implicit)
            // Okta registers service apps with response_types ["token"] and the client_credentials grant
            && !grants.Contains(ClientCredentials))
        {
            errors.Add(new(ClientMetadataErrorCodes.GrantTypeMissing, "grant_types",
                "The response types \"token\" and \"id_token\" need the implicit grant."));
        }
    }

    private static void ValidateRedirectUris(ClientMetadata metadata, List<ClientMetadataValidationError> errors)
    {
        var redirectBased = metadata.GrantTypes.Contains(AuthorizationCode) || metadata.GrantTypes.Contains(Implicit);
        if (redirectBased && metadata.RedirectUris.Count == 0)
        {
            errors.Add(new(ClientMetadataErrorCodes.RedirectUriRequired, "redirect_uris",
                "The authorization_code and implicit grants need at least one redirect URI."));
        }

        for (var index = 0; index < metadata.RedirectUris.Count; index++)
        {
            if (RedirectUriProblem(metadata.RedirectUris[index], metadata.ApplicationType) is { } problem)
            {
                errors.Add(new(ClientMetadataErrorCodes.RedirectUriInvalid, $"redirect_uris[{index}]", problem));
            }
        }
    }

    /// <summary>
    /// RFC 6749 §3.1.2 (absolute, no fragment), RFC 9700 §2.1 (exact match: no wildcards) and §4.1.3 (https), with
    /// the native-app exceptions of RFC 8252: http on the loopback interface (§7.3) and private-use schemes in
    /// reverse domain form (§7.1).
    /// </summary>
    public static string? RedirectUriProblem(string value, string? applicationType = null)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim() != value)
        {
            return "The redirect URI is empty or has surrounding spaces.";
        }

        if (value.Contains('*', StringComparison.Ordinal))
        {
            return "Wildcards are not allowed in redirect URIs (RFC 9700 §2.1: exact matching).";
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return "The redirect URI must be an absolute URI.";
        }

        if (value.Contains('#', StringComparison.Ordinal))
        {
            return "The redirect URI must not contain a fragment (RFC 6749 §3.1.2).";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "The redirect URI must not contain user information.";
        }

        switch (uri.Scheme)
        {
            case "https":
                return null;
            case "http" when IsLoopback(uri.Host):
                return null;
            case "http":
                return "Plain http redirect URIs are allowed only on the loopback interface (RFC 8252 §7.3); use https.";
            case "javascript" or "data" or "file" or "vbscript":
                return $"The scheme \"{uri.Scheme}\" is not allowed in a redirect URI.";
            default:
                if (applicationType is "web" or "browser" or "service" or "regular_web" or "spa" or "non_interactive")
                {
                    return "Private-use URI schemes are only for native applications (RFC 8252 §7.1).";
                }

                return uri.Scheme.Contains('.', StringComparison.Ordinal)
                    ? null
                    : "A private-use URI scheme must be in reverse domain name form, e.g. com.example.app (RFC 8252 §7.1).";
        }
    }

    private static void ValidateAuthMethod(IdentityProviderKind kind, ClientMetadata metadata, List<ClientMetadataValidationError> errors)
    {
        if (metadata.TokenEndpointAuthMethod is not { } method)
        {
            return;
        }

        var supported = kind switch
        {
            IdentityProviderKind.Okta => OktaAuthMethods,
            IdentityProviderKind.Auth0 => Auth0AuthMethods,
            IdentityProviderKind.Entra => EntraAuthMethods,
            _ => KnownAuthMethods,
        };
        if (!supported.Contains(method))
        {
            errors.Add(new(ClientMetadataErrorCodes.TokenEndpointAuthMethodUnsupported, "token_endpoint_auth_method",
                $"The {kind} identity provider does not support the token endpoint authentication method \"{method}\"; "
                + $"use one of {string.Join(", ", supported.Order(StringComparer.Ordinal))}."));
        }

        if (method == "none" && metadata.GrantTypes.Contains(ClientCredentials))
        {
            errors.Add(new(ClientMetadataErrorCodes.PublicClientCannotUseClientCredentials, "token_endpoint_auth_method",
                "The client_credentials grant needs a confidential client (RFC 6749 §4.4): the authentication method cannot be \"none\"."));
        }
    }

    /// <summary>RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).</summary>
    private static void ValidateScopes(ClientMetadata metadata, List<ClientMetadataValidationError> errors)
    {
        foreach (var scope in metadata.Scopes)
        {
            if (!ScopeTokenSyntax().IsMatch(scope))
            {
                errors.Add(new(ClientMetadataErrorCodes.ScopeInvalid, "scope",
                    $"\"{scope}\" is not a valid scope: scopes are printable ASCII without spaces, '\"' or '\\' (RFC 6749 §3.3)."));
            }
        }
    }

    /// <summary>OpenID Connect Dynamic Client Registration 1.0 §2: application_type is "web" or "native".</summary>
    private static void ValidateOpenIdApplicationType(ClientMetadata metadata, List<ClientMetadataValidationError> errors)
    {
        if (metadata.ApplicationType is { } type and not ("web" or "native"))
        {
            errors.Add(new(ClientMetadataErrorCodes.ApplicationTypeInvalid, "application_type",
                $"The application type \"{type}\" is not \"web\" or \"native\"."));
        }
    }

    /// <summary>developer.okta.com/docs/reference/api/oauth-clients, "Client Application properties".</summary>
    private static void ValidateOkta(ClientMetadata metadata, List<ClientMetadataValidationError> errors)
    {
        var type = metadata.ApplicationType;
        if (type is null)
        {
            errors.Add(new(ClientMetadataErrorCodes.ApplicationTypeInvalid, "application_type",
                "Okta needs an application type: web, native, browser or service."));
            return;
        }

        if (!OktaGrantsByApplicationType.TryGetValue(type, out var allowedGrants))
        {
            errors.Add(new(ClientMetadataErrorCodes.ApplicationTypeInvalid, "application_type",
                $"\"{type}\" is not an Okta application type (web, native, browser, service)."));
            return;
        }

        foreach (var grant in metadata.GrantTypes.Where(grant => !allowedGrants.Contains(grant)))
        {
            errors.Add(new(ClientMetadataErrorCodes.GrantTypeNotAllowed, "grant_types",
                $"An Okta {type} application cannot use the {grant} grant (allowed: {string.Join(", ", allowedGrants.Order(StringComparer.Ordinal))})."));
        }

        if (type is "web" or "native" && !metadata.GrantTypes.Contains(AuthorizationCode))
        {
            errors.Add(new(ClientMetadataErrorCodes.GrantTypeMissing, "grant_types",
                $"An Okta {type} application needs at least the authorization_code grant."));
        }

        switch (type)
        {
            case "service":
                if (metadata.ResponseTypes.Count > 0 && !(metadata.ResponseTypes.Count == 1 && metadata.ResponseTypes[0] == "token"))
                {
                    errors.Add(new(ClientMetadataErrorCodes.ApplicationTypeMismatch, "response_types",
                        "An Okta service application uses response_types [\"token\"] with the client_credentials grant."));
                }

                if (metadata.TokenEndpointAuthMethod == "none")
                {
                    errors.Add(new(ClientMetadataErrorCodes.ApplicationTypeMismatch, "token_endpoint_auth_method",
                        "An Okta service application is confidential: its authentication method cannot be \"none\"."));
                }

                break;
            case "browser":
                if (metadata.TokenEndpointAuthMethod != "none")
                {
                    errors.Add(new(ClientMetadataErrorCodes.ApplicationTypeMismatch, "token_endpoint_auth_method",
                        "An Okta browser application has no client secret: its authentication method must be \"none\"."));
                }

                break;
            case "web":
                if (metadata.TokenEndpointAuthMethod == "none")
                {
                    errors.Add(new(ClientMetadataErrorCodes.ApplicationTypeMismatch, "token_endpoint_auth_method",
                        "An Okta web application is confidential: its authentication method cannot be \"none\" (use browser)."));
                }

                break;
        }
    }

    /// <summary>auth0.com/docs/get-started/applications: application types and the grants they may use.</summary>
    private static void ValidateAuth0(ClientMetadata metadata, List<ClientMetadataValidationError> errors)
    {
        if (metadata.ApplicationType is { } requested
            && requested is not ("regular_web" or "spa" or "native" or "non_interactive" or "web" or "browser" or "service"))
        {
            errors.Add(new(ClientMetadataErrorCodes.ApplicationTypeInvalid, "application_type",
                $"\"{requested}\" is not an Auth0 application type (regular_web, spa, native, non_interactive)."));
            return;
        }

        var type = Auth0ClientRegistrationDriver.ApplicationTypeFor(metadata);
        var isPublic = metadata.TokenEndpointAuthMethod == "none";
        switch (type)
        {
            case "non_interactive":
                if (!metadata.GrantTypes.Contains(ClientCredentials))
                {
                    errors.Add(new(ClientMetadataErrorCodes.GrantTypeMissing, "grant_types",
                        "An Auth0 machine-to-machine application needs the client_credentials grant."));
                }

                if (metadata.GrantTypes.Contains(Implicit) || metadata.GrantTypes.Contains(AuthorizationCode))
                {
                    errors.Add(new(ClientMetadataErrorCodes.GrantTypeNotAllowed, "grant_types",
                        "An Auth0 machine-to-machine application does not sign users in (no authorization_code or implicit)."));
                }

                break;
            case "spa" or "native":
                if (!isPublic)
                {
                    errors.Add(new(ClientMetadataErrorCodes.ApplicationTypeMismatch, "token_endpoint_auth_method",
                        $"An Auth0 {type} application is public: its authentication method must be \"none\"."));
                }

                if (metadata.GrantTypes.Contains(ClientCredentials))
                {
                    errors.Add(new(ClientMetadataErrorCodes.GrantTypeNotAllowed, "grant_types",
                        $"An Auth0 {type} application cannot use the client_credentials grant."));
                }

                break;
            case "regular_web":
                if (isPublic)
                {
                    errors.Add(new(ClientMetadataErrorCodes.ApplicationTypeMismatch, "token_endpoint_auth_method",
                        "An Auth0 regular web application is confidential: its authentication method cannot be \"none\"."));
                }

                break;
        }
    }

    private static HashSet<string> ResponseTypeParts(ClientMetadata metadata) =>
        metadata.ResponseTypes
            .SelectMany(responseType => responseType.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    [GeneratedRegex(@"^[\x21\x23-\x5B\x5D-\x7E]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ScopeTokenSyntax();
}
