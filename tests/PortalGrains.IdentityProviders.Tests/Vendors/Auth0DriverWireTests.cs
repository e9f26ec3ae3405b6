using PortalGrains.IdentityProviders.Tests.Infrastructure;

namespace PortalGrains.IdentityProviders.Tests.Vendors;

public sealed class Auth0DriverWireTests : VendorWireTests
{
    private const string ApiAudience = "https://orders.example/api";
    private const string ManagementSecret = "auth0-m2m-secret-4c4c";
    private const string ManagementToken = "auth0-management-token-1";

    private readonly Auth0ClientRegistrationDriver driver = new(new InitialAccessTokenProvider());

    public Auth0DriverWireTests()
    {
        Answer(Request.Create().WithPath("/oauth/token").UsingPost(), 200, new { access_token = ManagementToken, token_type = "Bearer", expires_in = 86400 });
    }

    private string ManagementAudience => Server.Url + "/api/v2/";

    [Fact]
    public async Task Registers_a_machine_to_machine_client_and_grants_its_scopes_for_the_api()
    {
        Answer(Request.Create().WithPath("/api/v2/clients").UsingPost(), 201, new
        {
            client_id = "auth0-c1",
            client_secret = "auth0-client-secret-1",
            name = "Orders reporting [portal:app-1]",
            app_type = "non_interactive",
            grant_types = new[] { "client_credentials" },
            callbacks = Array.Empty<string>(),
            token_endpoint_auth_method = "client_secret_post",
            client_metadata = new { portal_application_id = "app-1" },
            signing_keys = new[] { new { cert = "-----BEGIN CERTIFICATE-----" } },
        });
        Answer(Request.Create().WithPath("/api/v2/client-grants").UsingGet(), 200, Array.Empty<object>());
        Answer(Request.Create().WithPath("/api/v2/client-grants").UsingPost(), 201, new { id = "cgr_1", client_id = "auth0-c1", audience = ApiAudience, scope = new[] { "orders:read", "orders:write" } });

        var client = await driver.RegisterAsync(Connection(), OrdersRequest("orders:read", "orders:write"));

        var requests = Server.Requests();
        Assert.Equal(
            ["POST /oauth/token", "POST /api/v2/clients", "GET /api/v2/client-grants", "POST /api/v2/client-grants"],
            requests.Select(request => $"{request.Method} {request.Path}"));
        var token = requests[0].FormBody();
        Assert.Equal("client_credentials", token["grant_type"]);
        Assert.Equal("m2m-client", token["client_id"]);
        Assert.Equal(ManagementSecret, token["client_secret"]);
        Assert.Equal(ManagementAudience, token["audience"]);
        Assert.All(requests.Skip(1), request => Assert.Equal($"Bearer {ManagementToken}", request.Header("Authorization")));

        var created = requests[1].JsonBody();
        Assert.Equal("Orders reporting [portal:app-1]", created.GetProperty("name").GetString());
        Assert.Equal("non_interactive", created.GetProperty("app_type").GetString());
        Assert.Equal(["client_credentials"], created.StringArray("grant_types"));
        Assert.Empty(created.StringArray("callbacks"));
        Assert.Equal("app-1", created.GetProperty("client_metadata").GetProperty("portal_application_id").GetString());
        Assert.False(created.TryGetProperty("scope", out _));

        Assert.Equal($"client_id=auth0-c1&audience={Uri.EscapeDataString(ApiAudience)}", requests[2].RawQuery?.TrimStart('?'));
        var grant = requests[3].JsonBody();
        Assert.Equal("auth0-c1", grant.GetProperty("client_id").GetString());
        Assert.Equal(ApiAudience, grant.GetProperty("audience").GetString());
        Assert.Equal(["orders:read", "orders:write"], grant.StringArray("scope"));

        Assert.Equal("auth0-c1", client.ClientId);
        Assert.Equal("auth0-client-secret-1", client.ClientSecret);
        Assert.Equal(["orders:read", "orders:write"], client.Metadata.Scopes);
        Assert.Equal("non_interactive", client.Metadata.ApplicationType);
        Assert.Null(client.RegistrationAccessToken);
        Assert.Equal(["client_metadata"], client.Metadata.Extensions.Keys);
    }

    [Fact]
    public async Task Client_created_but_not_granted_is_returned_without_scopes()
    {
        Answer(Request.Create().WithPath("/api/v2/clients").UsingPost(), 201, new { client_id = "auth0-c1", client_secret = "auth0-client-secret-1" });
        Server.Given(Request.Create().WithPath("/api/v2/client-grants").UsingGet()).RespondWith(Response.Create().WithStatusCode(503));

        var client = await driver.RegisterAsync(Connection(), OrdersRequest("orders:read"));

        Assert.Equal("auth0-c1", client.ClientId);
        Assert.Empty(client.Metadata.Scopes);
    }

    [Fact]
    public async Task Update_patches_the_client_and_its_grant()
    {
        Answer(Request.Create().WithPath("/api/v2/clients/auth0-c1").UsingPatch(), 200, new { client_id = "auth0-c1", name = "Orders reporting [portal:app-1]", app_type = "non_interactive" });
        Answer(Request.Create().WithPath("/api/v2/client-grants").UsingGet(), 200, new[] { new { id = "cgr_1", client_id = "auth0-c1", audience = ApiAudience, scope = new[] { "orders:read" } } });
        Answer(Request.Create().WithPath("/api/v2/client-grants/cgr_1").UsingPatch(), 200, new { id = "cgr_1", scope = new[] { "orders:read", "orders:write" } });

        var updated = await driver.UpdateAsync(Connection(), Client(), OrdersRequest("orders:read", "orders:write"));

        var requests = Server.Requests();
        Assert.Equal(
            ["POST /oauth/token", "PATCH /api/v2/clients/auth0-c1", "GET /api/v2/client-grants", "PATCH /api/v2/client-grants/cgr_1"],
            requests.Select(request => $"{request.Method} {request.Path}"));
        Assert.Equal("non_interactive", requests[1].JsonBody().GetProperty("app_type").GetString());
        Assert.Equal(["orders:read", "orders:write"], requests[3].JsonBody().StringArray("scope"));
        Assert.Equal(["orders:read", "orders:write"], updated.Metadata.Scopes);
        Assert.Equal("auth0-client-secret-1", updated.ClientSecret);
    }

    [Fact]
    public async Task Rotates_with_rotate_secret_and_deletes_with_delete()
    {
        Answer(Request.Create().WithPath("/api/v2/clients/auth0-c1/rotate-secret").UsingPost(), 200, new { client_id = "auth0-c1", client_secret = "auth0-client-secret-2" });
        Server.Given(Request.Create().WithPath("/api/v2/clients/auth0-c1").UsingDelete()).RespondWith(Response.Create().WithStatusCode(204));
        Answer(Request.Create().WithPath("/api/v2/clients/auth0-gone").UsingDelete(), 404, new { statusCode = 404, error = "Not Found", message = "The client does not exist", errorCode = "inexistent_client" });

        var rotation = await driver.RotateSecretAsync(Connection(), Client(), OrdersRequest("orders:read"));
        var deleted = await driver.DeleteAsync(Connection(), Client());
        var gone = await driver.DeleteAsync(Connection(), Client() with { ClientId = "auth0-gone" });

        Assert.Equal(RotationStrategy.InPlace, rotation.Strategy);
        Assert.Equal("auth0-client-secret-2", rotation.Client.ClientSecret);
        Assert.Equal(["orders:read"], rotation.Client.Metadata.Scopes);
        Assert.Equal(ClientDeletionOutcome.Deleted, deleted);
        Assert.Equal(ClientDeletionOutcome.AlreadyGone, gone);
        Assert.Single(Server.Requests(), request => request.Path == "/oauth/token"); // the management token is cached
    }

    [Fact]
    public async Task Management_api_errors_carry_auth0s_error_code_and_message()
    {
        Answer(Request.Create().WithPath("/api/v2/clients").UsingPost(), 400, new { statusCode = 400, error = "Bad Request", message = "Payload validation error: 'Invalid uri'", errorCode = "invalid_body" });

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.RegisterAsync(Connection(), OrdersRequest("orders:read")));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal("invalid_body", error.Error);
        Assert.Equal("Payload validation error: 'Invalid uri'", error.ErrorDescription);
        Assert.DoesNotContain(ManagementToken, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ManagementSecret, error.ToString(), StringComparison.Ordinal);
    }

    private static ClientRegistrationRequest OrdersRequest(params string[] scopes) =>
        new("app-1", "Orders reporting", new ClientMetadata
        {
            GrantTypes = ["client_credentials"],
            TokenEndpointAuthMethod = "client_secret_post",
            Scopes = scopes,
        });

    private IdentityProviderConnection Connection() =>
        Connection(new Auth0ManagementClient("m2m-client", ManagementSecret, ApiAudience), "/", "/oauth/token");

    private static RegisteredClient Client() =>
        new()
        {
            ClientId = "auth0-c1",
            ClientSecret = "auth0-client-secret-1",
            Metadata = new ClientMetadata { GrantTypes = ["client_credentials"], Scopes = ["orders:read"] },
        };
}
