using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.IdentityProviders.Tests.Registration;

public sealed class ClientMetadataValidatorTests
{
    private readonly ClientMetadataValidator validator = new();

    private static ClientMetadata Service => new()
    {
        GrantTypes = ["client_credentials"],
        TokenEndpointAuthMethod = "client_secret_basic",
        Scopes = ["orders:read"],
    };

    private static ClientMetadata Web => new()
    {
        GrantTypes = ["authorization_code", "refresh_token"],
        ResponseTypes = ["code"],
        RedirectUris = ["https://orders.example/cb"],
        TokenEndpointAuthMethod = "client_secret_basic",
    };

    [Theory]
    [InlineData(IdentityProviderKind.Other)]
    [InlineData(IdentityProviderKind.Keycloak)]
    [InlineData(IdentityProviderKind.Curity)]
    [InlineData(IdentityProviderKind.Gluu)]
    public void Valid_client_credentials_and_web_clients_pass(IdentityProviderKind kind)
    {
        Assert.Empty(validator.Validate(kind, Service));
        Assert.Empty(validator.Validate(kind, Web));
    }

    [Fact]
    public void Client_credentials_needs_no_redirect_uri()
    {
        Assert.DoesNotContain(validator.Validate(IdentityProviderKind.Other, Service),
            error => error.Code == ClientMetadataErrorCodes.RedirectUriRequired);
    }

    [Fact]
    public void Authorization_code_needs_response_type_code_and_a_redirect_uri()
    {
        var errors = validator.Validate(IdentityProviderKind.Other, Web with { ResponseTypes = [], RedirectUris = [] });

        Assert.Contains(errors, error => error is { Code: ClientMetadataErrorCodes.ResponseTypeMissing, Field: "response_types" });
        Assert.Contains(errors, error => error is { Code: ClientMetadataErrorCodes.RedirectUriRequired, Field: "redirect_uris" });
    }

    [Fact]
    public void Implicit_needs_response_type_token()
    {
        var errors = validator.Validate(
            IdentityProviderKind.Other, Web with { GrantTypes = ["implicit"], ResponseTypes = ["code"] });

        Assert.Contains(errors, error => error.Code == ClientMetadataErrorCodes.ResponseTypeMissing
            && error.Message.Contains("token", StringComparison.Ordinal));
    }

    [Fact]
    public void Response_type_code_needs_the_authorization_code_grant()
    {
        var errors = validator.Validate(IdentityProviderKind.Other, Web with { GrantTypes = ["refresh_token"] });

        Assert.Contains(errors, error => error is { Code: ClientMetadataErrorCodes.GrantTypeMissing, Field: "grant_types" });
    }

    [Fact]
    public void Grant_types_are_required()
    {
        Assert.Contains(validator.Validate(IdentityProviderKind.Other, Service with { GrantTypes = [] }),
            error => error.Code == ClientMetadataErrorCodes.GrantTypesRequired);
    }

    [Theory]
    [InlineData("https://*.orders.example/cb")]
    [InlineData("https://orders.example/cb#section")]
    [InlineData("http://orders.example/cb")]
    [InlineData("/cb")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://user:pass@orders.example/cb")]
    [InlineData("myapp:/cb")]
    [InlineData(" https://orders.example/cb")]
    public void Unsafe_redirect_uris_are_refused(string redirectUri)
    {
        var errors = validator.Validate(IdentityProviderKind.Other, Web with { RedirectUris = ["https://ok.example/cb", redirectUri] });

        var error = Assert.Single(errors);
        Assert.Equal(ClientMetadataErrorCodes.RedirectUriInvalid, error.Code);
        Assert.Equal("redirect_uris[1]", error.Field);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8123/cb")]
    [InlineData("http://[::1]:8123/cb")]
    [InlineData("http://localhost:8123/cb")]
    [InlineData("com.example.orders:/oauth/cb")]
    public void Native_redirect_uris_of_rfc8252_are_accepted(string redirectUri)
    {
        var native = Web with { ApplicationType = "native", TokenEndpointAuthMethod = "none", RedirectUris = [redirectUri] };

        Assert.Empty(validator.Validate(IdentityProviderKind.Other, native));
    }

    [Fact]
    public void Private_use_schemes_are_refused_for_web_applications()
    {
        var errors = validator.Validate(
            IdentityProviderKind.Other, Web with { ApplicationType = "web", RedirectUris = ["com.example.orders:/cb"] });

        Assert.Contains(errors, error => error.Code == ClientMetadataErrorCodes.RedirectUriInvalid);
    }

    [Fact]
    public void Public_clients_cannot_use_client_credentials()
    {
        Assert.Contains(validator.Validate(IdentityProviderKind.Other, Service with { TokenEndpointAuthMethod = "none" }),
            error => error.Code == ClientMetadataErrorCodes.PublicClientCannotUseClientCredentials);
    }

    [Fact]
    public void Unknown_authentication_method_is_refused()
    {
        Assert.Contains(validator.Validate(IdentityProviderKind.Other, Service with { TokenEndpointAuthMethod = "client_secret_magic" }),
            error => error is { Code: ClientMetadataErrorCodes.TokenEndpointAuthMethodUnsupported, Field: "token_endpoint_auth_method" });
    }

    [Theory]
    [InlineData("orders read")]
    [InlineData("orders\"read")]
    [InlineData("")]
    public void Malformed_scopes_are_refused(string scope)
    {
        Assert.Contains(validator.Validate(IdentityProviderKind.Other, Service with { Scopes = [scope] }),
            error => error is { Code: ClientMetadataErrorCodes.ScopeInvalid, Field: "scope" });
    }

    [Fact]
    public void Openid_application_type_is_web_or_native()
    {
        Assert.Contains(validator.Validate(IdentityProviderKind.Keycloak, Web with { ApplicationType = "service" }),
            error => error.Code == ClientMetadataErrorCodes.ApplicationTypeInvalid);
    }

    [Fact]
    public void Okta_service_application_uses_client_credentials_with_response_type_token()
    {
        var service = Service with { ApplicationType = "service", ResponseTypes = ["token"] };

        Assert.Empty(validator.Validate(IdentityProviderKind.Okta, service));
        Assert.Contains(validator.Validate(IdentityProviderKind.Okta, service with { ResponseTypes = ["code"] }),
            error => error is { Code: ClientMetadataErrorCodes.ApplicationTypeMismatch, Field: "response_types" });
        Assert.Contains(validator.Validate(IdentityProviderKind.Okta, service with { GrantTypes = ["client_credentials", "authorization_code"], ResponseTypes = ["token", "code"], RedirectUris = ["https://o.example/cb"] }),
            error => error.Code == ClientMetadataErrorCodes.GrantTypeNotAllowed);
    }

    [Fact]
    public void Okta_browser_application_has_no_client_secret()
    {
        var browser = Web with { ApplicationType = "browser", GrantTypes = ["authorization_code"], TokenEndpointAuthMethod = "none" };

        Assert.Empty(validator.Validate(IdentityProviderKind.Okta, browser));
        Assert.Contains(validator.Validate(IdentityProviderKind.Okta, browser with { TokenEndpointAuthMethod = "client_secret_basic" }),
            error => error is { Code: ClientMetadataErrorCodes.ApplicationTypeMismatch, Field: "token_endpoint_auth_method" });
    }

    [Fact]
    public void Okta_needs_an_application_type_it_knows()
    {
        Assert.Contains(validator.Validate(IdentityProviderKind.Okta, Web), error => error.Code == ClientMetadataErrorCodes.ApplicationTypeInvalid);
        Assert.Contains(validator.Validate(IdentityProviderKind.Okta, Web with { ApplicationType = "spa" }),
            error => error.Code == ClientMetadataErrorCodes.ApplicationTypeInvalid);
        Assert.Empty(validator.Validate(IdentityProviderKind.Okta, Web with { ApplicationType = "web" }));
    }

    [Fact]
    public void Okta_web_and_native_applications_need_authorization_code()
    {
        var errors = validator.Validate(IdentityProviderKind.Okta, Service with { ApplicationType = "web" });

        Assert.Contains(errors, error => error is { Code: ClientMetadataErrorCodes.GrantTypeMissing, Field: "grant_types" });
    }

    [Fact]
    public void Auth0_application_types_match_their_grants_and_authentication()
    {
        Assert.Empty(validator.Validate(IdentityProviderKind.Auth0, Service));
        Assert.Empty(validator.Validate(IdentityProviderKind.Auth0, Web));
        Assert.Empty(validator.Validate(IdentityProviderKind.Auth0, Web with { ApplicationType = "spa", TokenEndpointAuthMethod = "none" }));

        Assert.Contains(validator.Validate(IdentityProviderKind.Auth0, Web with { ApplicationType = "spa" }),
            error => error is { Code: ClientMetadataErrorCodes.ApplicationTypeMismatch, Field: "token_endpoint_auth_method" });
        Assert.Contains(validator.Validate(IdentityProviderKind.Auth0, Web with { ApplicationType = "non_interactive" }),
            error => error.Code == ClientMetadataErrorCodes.GrantTypeMissing);
        Assert.Contains(validator.Validate(IdentityProviderKind.Auth0, Web with { ApplicationType = "rms" }),
            error => error.Code == ClientMetadataErrorCodes.ApplicationTypeInvalid);
        Assert.Contains(validator.Validate(IdentityProviderKind.Auth0, Service with { TokenEndpointAuthMethod = "private_key_jwt" }),
            error => error.Code == ClientMetadataErrorCodes.TokenEndpointAuthMethodUnsupported);
    }
}
