using PortalGrains.IdentityProviders.Tests.Infrastructure;

namespace PortalGrains.IdentityProviders.Tests.Vendors;

public sealed class KeycloakDriverWireTests : VendorWireTests
{
    private const string RegistrationPath = "/realms/portal/clients-registrations/openid-connect";

    private readonly KeycloakClientRegistrationDriver driver = new(new InitialAccessTokenProvider());

    [Fact]
    public async Task Registers_at_the_realms_registration_service_with_the_initial_access_token()
    {
        Answer(Request.Create().WithPath(RegistrationPath).UsingPost(), 201, new
        {
            client_id = "3f1c",
            client_secret = "kc-secret",
            client_secret_expires_at = 0,
            client_id_issued_at = 1_700_000_000,
            registration_client_uri = Server.Url + RegistrationPath + "/3f1c",
            registration_access_token = "kc-rat-1",
            client_name = "Orders reporting [portal:app-1]",
            grant_types = new[] { "client_credentials" },
            response_types = Array.Empty<string>(),
            redirect_uris = Array.Empty<string>(),
            token_endpoint_auth_method = "client_secret_basic",
            scope = "orders:read",
        });
        var request = new ClientRegistrationRequest("app-1", "Orders reporting", new ClientMetadata
        {
            GrantTypes = ["client_credentials"],
            TokenEndpointAuthMethod = "client_secret_basic",
            Scopes = ["orders:read"],
        });

        // no registration endpoint known: derived from the issuer
        var client = await driver.RegisterAsync(Connection(registrationEndpoint: false), request);

        var sent = Assert.Single(Server.Requests());
        Assert.Equal("POST", sent.Method);
        Assert.Equal(RegistrationPath, sent.Path);
        Assert.Equal("Bearer kc-initial-token", sent.Header("Authorization"));
        var body = sent.JsonBody();
        Assert.Equal("Orders reporting [portal:app-1]", body.GetProperty("client_name").GetString());
        Assert.Equal("orders:read", body.GetProperty("scope").GetString());
        Assert.Equal("portal:app-1", body.GetProperty("software_id").GetString());
        Assert.Equal("3f1c", client.ClientId);
        Assert.Equal("kc-secret", client.ClientSecret);
        Assert.Null(client.ClientSecretExpiresAt);
        Assert.Equal("kc-rat-1", client.RegistrationAccessToken);
        Assert.Equal(new Uri(Server.Url + RegistrationPath + "/3f1c"), client.RegistrationClientUri);
        Assert.Equal(["orders:read"], client.Metadata.Scopes);
    }

    [Fact]
    public async Task Update_puts_the_client_id_and_keeps_the_rotated_registration_token()
    {
        Answer(Request.Create().WithPath(RegistrationPath + "/3f1c").UsingPut(), 200, new
        {
            client_id = "3f1c",
            registration_access_token = "kc-rat-2",
            registration_client_uri = Server.Url + RegistrationPath + "/3f1c",
            scope = "orders:read orders:write",
        });

        var updated = await driver.UpdateAsync(Connection(), Client(), ClientCredentialsRequest("orders:read", "orders:write"));

        var sent = Assert.Single(Server.Requests());
        Assert.Equal("PUT", sent.Method);
        Assert.Equal("Bearer kc-rat-1", sent.Header("Authorization"));
        var body = sent.JsonBody();
        Assert.Equal("3f1c", body.GetProperty("client_id").GetString());
        Assert.False(body.TryGetProperty("registration_access_token", out _));
        Assert.False(body.TryGetProperty("client_secret", out _));
        Assert.Equal("kc-rat-2", updated.RegistrationAccessToken);
        Assert.Equal("kc-secret", updated.ClientSecret);
        Assert.Equal(["orders:read", "orders:write"], updated.Metadata.Scopes);
    }

    [Fact]
    public async Task Scope_refused_by_the_allowed_client_scopes_policy_is_permanent_invalid_scope()
    {
        Answer(Request.Create().WithPath(RegistrationPath).UsingPost(), 403, new
        {
            error = "insufficient_scope",
            error_description = "Policy 'Allowed Client Scopes' rejected request to client-registration service. Details: Not permitted to use specified clientScope",
        });

        var error = await Assert.ThrowsAsync<IdentityProviderException>(
            () => driver.RegisterAsync(Connection(), ClientCredentialsRequest("orders:admin")));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal("invalid_scope", error.Error);
        Assert.Equal(IdentityProviderMessages.InvalidScope, error.DeveloperMessage);
        Assert.Contains("Optional client scopes", error.AdminDetail, StringComparison.Ordinal);
        Assert.Equal(403, error.HttpStatus);
    }

    [Fact]
    public async Task Rotation_registers_a_replacement_client()
    {
        Answer(Request.Create().WithPath(RegistrationPath).UsingPost(), 201, new { client_id = "9a7e", client_secret = "kc-secret-2", registration_access_token = "kc-rat-9" });

        var rotation = await driver.RotateSecretAsync(Connection(), Client(), ClientCredentialsRequest("orders:read"));

        Assert.Equal(RotationStrategy.ReplacementClient, rotation.Strategy);
        Assert.True(rotation.CallerMustDeletePreviousClient);
        Assert.Equal("9a7e", rotation.Client.ClientId);
        Assert.Equal("3f1c", rotation.PreviousClient.ClientId);
        Assert.Equal("POST", Assert.Single(Server.Requests()).Method);
    }

    [Fact]
    public async Task A_public_client_that_requires_pkce_gets_keycloaks_code_challenge_attribute_and_a_template_its_software_id()
    {
        Answer(Request.Create().WithPath(RegistrationPath).UsingPost(), 201, new { client_id = "3f2d", registration_access_token = "kc-rat-1" });
        var request = new ClientRegistrationRequest("app-1", "Single page", new ClientMetadata
        {
            GrantTypes = ["authorization_code"],
            ResponseTypes = ["code"],
            RedirectUris = ["https://spa.example.com/cb"],
            TokenEndpointAuthMethod = "none",
            SoftwareId = "spa-template",
            RequirePkce = true,
        });

        await driver.RegisterAsync(Connection(), request);

        var body = Assert.Single(Server.Requests()).JsonBody();
        Assert.Equal("S256", body.GetProperty("pkce.code.challenge.method").GetString());
        Assert.Equal("spa-template", body.GetProperty("software_id").GetString()); // the tag stays in the client name
        Assert.Equal("Single page [portal:app-1]", body.GetProperty("client_name").GetString());
    }

    private IdentityProviderConnection Connection(bool registrationEndpoint = true) =>
        Connection(
            new StaticInitialAccessToken("kc-initial-token"),
            "/realms/portal",
            "/realms/portal/protocol/openid-connect/token",
            registrationEndpoint ? RegistrationPath : null);

    private RegisteredClient Client() =>
        new()
        {
            ClientId = "3f1c",
            ClientSecret = "kc-secret",
            RegistrationAccessToken = "kc-rat-1",
            RegistrationClientUri = new Uri(Server.Url + RegistrationPath + "/3f1c"),
            Metadata = new ClientMetadata { GrantTypes = ["client_credentials"], Scopes = ["orders:read"] },
        };
}
