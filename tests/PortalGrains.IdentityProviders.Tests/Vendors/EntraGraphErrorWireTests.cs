using PortalGrains.IdentityProviders.Tests.Infrastructure;

namespace PortalGrains.IdentityProviders.Tests.Vendors;

/// <summary>How the Entra ID driver maps Microsoft Graph's answers (OData errors, throttling, 5xx) to the portal's failures.</summary>
public sealed class EntraGraphErrorWireTests : VendorWireTests
{
    private const string ApiAppId = "11111111-2222-3333-4444-555555555555";
    private const string GraphSecret = "graph-app-secret-9Zx";
    private const string GraphToken = "graph-token-abc123";
    private const string ApiPath = "/v1.0/servicePrincipals(appId='" + ApiAppId + "')";

    private readonly EntraClientRegistrationDriver driver = new(new InitialAccessTokenProvider());

    public EntraGraphErrorWireTests()
    {
        Answer(Request.Create().WithPath("/tenant/oauth2/v2.0/token").UsingPost(), 200, new { access_token = GraphToken, token_type = "Bearer", expires_in = 3599 });
        Answer(Request.Create().WithPath(ApiPath).UsingGet(), 200, new
        {
            id = "api-sp",
            appId = ApiAppId,
            appRoles = new object[]
            {
                new { id = "role-read", value = "orders.read", isEnabled = true, allowedMemberTypes = new[] { "Application" } },
                new { id = "role-user", value = "orders.user", isEnabled = true, allowedMemberTypes = new[] { "User" } },
                new { id = "role-off", value = "orders.off", isEnabled = false, allowedMemberTypes = new[] { "Application" } },
            },
        });
    }

    [Fact]
    public async Task Missing_graph_permissions_say_which_ones_the_portal_needs()
    {
        Answer(Request.Create().WithPath("/v1.0/applications").UsingPost(), 403, GraphError("Authorization_RequestDenied", "Insufficient privileges to complete the operation."));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.RegisterAsync(Connection(), ClientCredentialsRequest("orders.read")));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal(IdentityProviderMessages.CredentialsRefused, error.DeveloperMessage);
        Assert.Equal("Authorization_RequestDenied", error.Error);
        Assert.Equal("Insufficient privileges to complete the operation.", error.ErrorDescription);
        Assert.Contains("Application.ReadWrite.OwnedBy, AppRoleAssignment.ReadWrite.All and Application.Read.All", error.AdminDetail, StringComparison.Ordinal);
        Assert.DoesNotContain(GraphToken, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(GraphSecret, error.ToString(), StringComparison.Ordinal);
        var token = Server.Requests()[0].FormBody();
        Assert.Equal("https://graph.microsoft.com/.default", token["scope"]);
        Assert.Equal(GraphSecret, token["client_secret"]);
    }

    [Fact]
    public async Task The_access_check_names_the_graph_permissions_the_token_lacks()
    {
        var payload = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("""{"roles":["Application.ReadWrite.OwnedBy"]}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Server.Given(Request.Create().WithPath("/lean/oauth2/v2.0/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { access_token = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." + payload + ".", token_type = "Bearer", expires_in = 3599 }));
        var lean = Connection(new EntraGraphClient("lean-app", GraphSecret, EntraGraphClient.DefaultScope, ApiAppId), "/lean/v2.0", "/lean/oauth2/v2.0/token", "/v1.0");

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.ProbeAsync(lean));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Contains("AppRoleAssignment.ReadWrite.All, Application.Read.All", error.AdminDetail, StringComparison.Ordinal);
        Assert.DoesNotContain(Server.Requests(), request => request.Path.StartsWith("/v1.0/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_enabled_app_roles_open_to_applications_are_scopes()
    {
        foreach (var scope in new[] { "orders.user", "orders.off" })
        {
            var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.RegisterAsync(Connection(), ClientCredentialsRequest(scope)));
            Assert.Equal("invalid_scope", error.Error);
        }

        Assert.DoesNotContain(Server.Requests(), request => request.Method == "POST" && request.Path == "/v1.0/applications");
    }

    [Fact]
    public async Task A_server_error_to_the_application_post_is_uncertain()
    {
        Answer(Request.Create().WithPath("/v1.0/applications").UsingPost(), 500, GraphError("InternalServerError", "Something went wrong."));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.RegisterAsync(Connection(), ClientCredentialsRequest("orders.read")));

        Assert.Equal(IdentityProviderErrorKind.Uncertain, error.Kind);
        Assert.Equal("InternalServerError", error.Error);
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_is_transient_with_graphs_retry_after()
    {
        Server.Given(Request.Create().WithPath("/v1.0/applications").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "7").WithBodyAsJson(GraphError("TooManyRequests", "Too many requests")));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.RegisterAsync(Connection(), ClientCredentialsRequest("orders.read")));

        Assert.Equal(IdentityProviderErrorKind.Transient, error.Kind);
        Assert.Equal(IdentityProviderMessages.RateLimited, error.DeveloperMessage);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task A_registration_that_fails_after_the_application_exists_deletes_it_again()
    {
        Answer(Request.Create().WithPath("/v1.0/applications").UsingPost(), 201, new { id = "obj-1", appId = "app-guid-1", displayName = "Orders reporting [portal:app-1]" });
        Answer(Request.Create().WithPath("/v1.0/servicePrincipals").UsingPost(), 201, new { id = "sp-1", appId = "app-guid-1" });
        Answer(Request.Create().WithPath("/v1.0/applications(appId='app-guid-1')/addPassword").UsingPost(), 400,
            GraphError("Request_BadRequest", "Credential lifetime exceeds the max value allowed as per assigned policy."));
        Server.Given(Request.Create().WithPath("/v1.0/applications(appId='app-guid-1')").UsingDelete()).RespondWith(Response.Create().WithStatusCode(204));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.RegisterAsync(Connection(), ClientCredentialsRequest("orders.read")));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Contains("was deleted again", error.AdminDetail, StringComparison.Ordinal);
        Assert.Contains(Server.Requests(), request => request.Method == "DELETE" && request.Path == "/v1.0/applications(appId='app-guid-1')");
    }

    [Fact]
    public async Task A_new_application_the_directory_has_not_replicated_yet_is_asked_about_again()
    {
        Answer(Request.Create().WithPath("/v1.0/applications").UsingPost(), 201, new { id = "obj-1", appId = "app-guid-1", displayName = "Orders reporting [portal:app-1]" });
        Server.Given(Request.Create().WithPath("/v1.0/servicePrincipals").UsingPost()).InScenario("replication").WillSetStateTo("replicated")
            .RespondWith(Response.Create().WithStatusCode(400).WithBodyAsJson(
                GraphError("Request_BadRequest", "The appId 'app-guid-1' of the service principal does not reference a valid application object.")));
        Server.Given(Request.Create().WithPath("/v1.0/servicePrincipals").UsingPost()).InScenario("replication").WhenStateIs("replicated")
            .RespondWith(Response.Create().WithStatusCode(201).WithBodyAsJson(new { id = "sp-1", appId = "app-guid-1" }));
        Answer(Request.Create().WithPath("/v1.0/applications(appId='app-guid-1')/addPassword").UsingPost(), 200,
            new { keyId = "key-1", secretText = "sEc~new-secret", endDateTime = "2028-01-01T00:00:00Z" });
        Answer(Request.Create().WithPath("/v1.0/servicePrincipals/api-sp/appRoleAssignedTo").UsingPost(), 201,
            new { id = "asg-1", principalId = "sp-1", resourceId = "api-sp", appRoleId = "role-read" });

        var client = await driver.RegisterAsync(Connection(), ClientCredentialsRequest("orders.read"));

        Assert.Equal("app-guid-1", client.ClientId);
        Assert.Equal(["orders.read"], client.Metadata.Scopes);
        Assert.Equal(new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero), client.ClientSecretExpiresAt);
        Assert.Equal(2, Server.Requests().Count(request => request.Method == "POST" && request.Path == "/v1.0/servicePrincipals"));
        Assert.DoesNotContain(Server.Requests(), request => request.Method == "DELETE");
    }

    [Fact]
    public async Task A_half_registered_application_that_cannot_be_deleted_is_uncertain_and_named()
    {
        Answer(Request.Create().WithPath("/v1.0/applications").UsingPost(), 201, new { id = "obj-1", appId = "app-guid-1" });
        Answer(Request.Create().WithPath("/v1.0/servicePrincipals").UsingPost(), 503, GraphError("ServiceUnavailable", "Try later."));
        Answer(Request.Create().WithPath("/v1.0/applications(appId='app-guid-1')").UsingDelete(), 503, GraphError("ServiceUnavailable", "Try later."));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.RegisterAsync(Connection(), ClientCredentialsRequest("orders.read")));

        Assert.Equal(IdentityProviderErrorKind.Uncertain, error.Kind);
        Assert.Equal("app-guid-1", error.ClientId);
    }

    [Fact]
    public async Task A_refused_graph_token_is_forgotten_and_asked_again_next_time()
    {
        Answer(Request.Create().WithPath("/v1.0/applications").UsingPost(), 401, GraphError("InvalidAuthenticationToken", "Access token has expired or is not yet valid."));

        await Assert.ThrowsAsync<IdentityProviderException>(() => driver.RegisterAsync(Connection(), ClientCredentialsRequest("orders.read")));
        await Assert.ThrowsAsync<IdentityProviderException>(() => driver.RegisterAsync(Connection(), ClientCredentialsRequest("orders.read")));

        Assert.Equal(2, Server.Requests().Count(request => request.Path == "/tenant/oauth2/v2.0/token"));
    }

    private IdentityProviderConnection Connection() =>
        Connection(new EntraGraphClient("portal-app", GraphSecret, EntraGraphClient.DefaultScope, ApiAppId), "/tenant/v2.0", "/tenant/oauth2/v2.0/token", "/v1.0");

    private static object GraphError(string code, string message) =>
        new { error = new { code, message, innerError = new { date = "2026-01-01T00:00:00", requestId = Guid.NewGuid() } } };
}
