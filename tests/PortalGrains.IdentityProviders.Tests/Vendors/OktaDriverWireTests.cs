using PortalGrains.IdentityProviders.Tests.Infrastructure;

namespace PortalGrains.IdentityProviders.Tests.Vendors;

public sealed class OktaDriverWireTests : VendorWireTests
{
    private const string ApiToken = "00okta-api-token-a1b2";

    private readonly OktaClientRegistrationDriver driver = new(new InitialAccessTokenProvider());

    [Fact]
    public async Task Registers_a_service_app_at_the_org_clients_api_with_the_api_token()
    {
        Answer(Request.Create().WithPath("/oauth2/v1/clients").UsingPost(), 201, new
        {
            client_id = "0oa1",
            client_secret = "okta-secret-1",
            client_id_issued_at = 1_700_000_000,
            client_secret_expires_at = 0,
            client_name = "Orders reporting [portal:app-1]",
            client_uri = (string?)null,
            redirect_uris = Array.Empty<string>(),
            response_types = new[] { "token" },
            grant_types = new[] { "client_credentials" },
            token_endpoint_auth_method = "client_secret_basic",
            application_type = "service",
        });

        // the issuer is a custom authorization server: the client API stays at the org level
        var client = await driver.RegisterAsync(Connection(), ServiceRequest());

        var sent = Assert.Single(Server.Requests());
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/oauth2/v1/clients", sent.Path);
        Assert.Equal($"SSWS {ApiToken}", sent.Header("Authorization"));
        var body = sent.JsonBody();
        Assert.Equal("service", body.GetProperty("application_type").GetString());
        Assert.Equal(["token"], body.StringArray("response_types"));
        Assert.Equal(["client_credentials"], body.StringArray("grant_types"));
        Assert.Equal("Orders reporting [portal:app-1]", body.GetProperty("client_name").GetString());
        Assert.False(body.TryGetProperty("scope", out _));
        Assert.False(body.TryGetProperty("software_id", out _));
        Assert.Equal("0oa1", client.ClientId);
        Assert.Equal("okta-secret-1", client.ClientSecret);
        Assert.Null(client.RegistrationAccessToken);
        Assert.Equal("service", client.Metadata.ApplicationType);
        Assert.False(client.Metadata.Extensions.ContainsKey("client_uri")); // null values are not metadata
    }

    [Fact]
    public async Task Reads_and_updates_at_the_client_resource_with_the_api_token()
    {
        Answer(Request.Create().WithPath("/oauth2/v1/clients/0oa1").UsingGet(), 200, new { client_id = "0oa1", application_type = "service", client_name = "n" });
        Answer(Request.Create().WithPath("/oauth2/v1/clients/0oa1").UsingPut(), 200, new { client_id = "0oa1", application_type = "service", client_name = "Renamed [portal:app-1]" });

        var read = await driver.ReadAsync(Connection(), Client());
        var updated = await driver.UpdateAsync(Connection(), read, ServiceRequest() with { ApplicationName = "Renamed" });

        var requests = Server.Requests();
        Assert.Equal(["GET", "PUT"], requests.Select(request => request.Method));
        Assert.All(requests, request => Assert.Equal($"SSWS {ApiToken}", request.Header("Authorization")));
        var body = requests[1].JsonBody();
        Assert.Equal("0oa1", body.GetProperty("client_id").GetString());
        Assert.Equal("Renamed [portal:app-1]", body.GetProperty("client_name").GetString());
        Assert.Equal("okta-secret-1", read.ClientSecret); // Okta shows the secret only on create: kept
        Assert.Equal("Renamed [portal:app-1]", updated.Metadata.ClientName);
    }

    [Fact]
    public async Task Rotates_the_secret_with_the_lifecycle_new_secret_operation()
    {
        Answer(Request.Create().WithPath("/oauth2/v1/clients/0oa1/lifecycle/newSecret").UsingPost(), 200, new { client_id = "0oa1", client_secret = "okta-secret-2", client_secret_expires_at = 0 });

        var rotation = await driver.RotateSecretAsync(Connection(), Client(), ServiceRequest());

        var sent = Assert.Single(Server.Requests());
        Assert.Equal($"SSWS {ApiToken}", sent.Header("Authorization"));
        Assert.Equal(RotationStrategy.InPlace, rotation.Strategy);
        Assert.False(rotation.CallerMustDeletePreviousClient);
        Assert.Equal("0oa1", rotation.Client.ClientId);
        Assert.Equal("okta-secret-2", rotation.Client.ClientSecret);
    }

    [Fact]
    public async Task Delete_answers_204_and_an_unknown_client_is_already_gone()
    {
        Server.Given(Request.Create().WithPath("/oauth2/v1/clients/0oa1").UsingDelete()).RespondWith(Response.Create().WithStatusCode(204));
        Answer(Request.Create().WithPath("/oauth2/v1/clients/0oa2").UsingDelete(), 401, new { error = "invalid_client", error_description = "Invalid value for 'client_id' parameter." });

        Assert.Equal(ClientDeletionOutcome.Deleted, await driver.DeleteAsync(Connection(), Client()));
        Assert.Equal(ClientDeletionOutcome.AlreadyGone, await driver.DeleteAsync(Connection(), Client() with { ClientId = "0oa2" }));
        Assert.All(Server.Requests(), request => Assert.Equal($"SSWS {ApiToken}", request.Header("Authorization")));
    }

    [Fact]
    public async Task Refused_api_token_is_permanent_and_never_shown()
    {
        Answer(Request.Create().WithPath("/oauth2/v1/clients/0oa1").UsingDelete(), 401, new
        {
            errorCode = "E0000011",
            errorSummary = "Invalid token provided",
            errorCauses = Array.Empty<object>(),
        });

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.DeleteAsync(Connection(), Client()));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal("E0000011", error.Error);
        Assert.Equal("Invalid token provided", error.ErrorDescription);
        Assert.DoesNotContain(ApiToken, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Okta_validation_causes_are_reported()
    {
        Answer(Request.Create().WithPath("/oauth2/v1/clients").UsingPost(), 400, new
        {
            error = "invalid_client_metadata",
            error_description = "client_name: An object with this field already exists in the current organization",
        });

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.RegisterAsync(Connection(), ServiceRequest()));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal("invalid_client_metadata", error.Error);
        Assert.Contains("already exists", error.AdminDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_client_that_requires_pkce_is_registered_with_pkce_required()
    {
        Answer(Request.Create().WithPath("/oauth2/v1/clients").UsingPost(), 201, new { client_id = "0oa3", application_type = "browser", pkce_required = true });
        var request = new ClientRegistrationRequest("app-1", "Single page", new ClientMetadata
        {
            GrantTypes = ["authorization_code"],
            ResponseTypes = ["code"],
            RedirectUris = ["https://spa.example.com/cb"],
            TokenEndpointAuthMethod = "none",
            RequirePkce = true,
        });

        await driver.RegisterAsync(Connection(), request);

        var body = Assert.Single(Server.Requests()).JsonBody();
        Assert.True(body.GetProperty("pkce_required").GetBoolean());
        Assert.Equal("browser", body.GetProperty("application_type").GetString());
    }

    private static ClientRegistrationRequest ServiceRequest() =>
        new("app-1", "Orders reporting", new ClientMetadata
        {
            GrantTypes = ["client_credentials"],
            TokenEndpointAuthMethod = "client_secret_basic",
            Scopes = ["orders:read"],
        });

    private IdentityProviderConnection Connection() =>
        Connection(new OktaApiToken(ApiToken), "/oauth2/aus1default", "/oauth2/aus1default/v1/token");

    private static RegisteredClient Client() =>
        new()
        {
            ClientId = "0oa1",
            ClientSecret = "okta-secret-1",
            Metadata = new ClientMetadata { GrantTypes = ["client_credentials"], ApplicationType = "service" },
        };
}
