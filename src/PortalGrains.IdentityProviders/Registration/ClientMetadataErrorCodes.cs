namespace PortalGrains.IdentityProviders.Registration;

/// <summary>The codes of <see cref="ClientMetadataValidationError"/>.</summary>
public static class ClientMetadataErrorCodes
{
    public const string GrantTypesRequired = "grant_types_required";
    public const string ResponseTypeMissing = "response_type_missing";
    public const string GrantTypeMissing = "grant_type_missing";
    public const string GrantTypeNotAllowed = "grant_type_not_allowed";
    public const string RedirectUriRequired = "redirect_uri_required";
    public const string RedirectUriInvalid = "redirect_uri_invalid";
    public const string TokenEndpointAuthMethodUnsupported = "token_endpoint_auth_method_unsupported";
    public const string PublicClientCannotUseClientCredentials = "public_client_cannot_use_client_credentials";
    public const string ScopeInvalid = "scope_invalid";
    public const string ApplicationTypeInvalid = "application_type_invalid";
    public const string ApplicationTypeMismatch = "application_type_mismatch";
}
