using PortalGrains.IdentityProviders.Tests.Infrastructure;

namespace PortalGrains.IdentityProviders.Tests.Vendors;

/// <summary>The HTTP bridge driver against a fake of a bridge implementing Kong Konnect's DCR HTTP integration.</summary>
public sealed class HttpBridgeDriverWireTests : VendorWireTests
{
    private const string ApiKey = "bridge-api-key-7f3a";
    private const string BasePath = "/dcr";

    private readonly HttpBridgeClientRegistrationDriver driver = new();

    [Fact]
    public async Task Registers_with_the_api_key_and_the_konnect_application_payload()
    {
        Answer(WireMock.RequestBuilders.Request.Create().WithPath(BasePath + "/").UsingPost(), 201, new
        {
            client_id = "bridge-1",
            client_secret = "bridge-secret-1",
            client_secret_expires_at = "2030-01-02T03:04:05Z",
        });

        var client = await driver.RegisterAsync(Connection(), Registration("orders:read", "orders:write"));

        var sent = Assert.Single(Server.Requests());
        Assert.Equal(ApiKey, sent.Header("X-API-KEY"));
        Assert.Null(sent.Header("Authorization"));
        var body = sent.JsonBody();
        Assert.Equal("Orders reporting [portal:app-1]", body.GetProperty("client_name").GetString());
        Assert.Equal(["https://app.example.com/cb"], body.StringArray("redirect_uris"));
        Assert.Equal(["authorization_code"], body.StringArray("grant_types"));
        Assert.Equal(["orders:read", "orders:write"], body.StringArray("scopes"));
        Assert.Equal("client_secret_basic", body.GetProperty("token_endpoint_auth_method").GetString());
        Assert.Equal("Reports on orders", body.GetProperty("application_description").GetString());
        Assert.Equal("dev-42", body.GetProperty("developer_id").GetString());
        Assert.Equal("bridge-1", client.ClientId);
        Assert.Equal("bridge-secret-1", client.ClientSecret);
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero), client.ClientSecretExpiresAt);
        Assert.Null(client.RegistrationAccessToken);
        // the bridge echoes no metadata: the client holds what was sent
        Assert.Equal(["orders:read", "orders:write"], client.Metadata.Scopes);
        Assert.Equal("Orders reporting [portal:app-1]", client.Metadata.ClientName);
    }

    [Fact]
    public async Task Reads_a_client_wrapped_in_application_with_epoch_times()
    {
        Answer(WireMock.RequestBuilders.Request.Create().WithPath(BasePath + "/").UsingPost(), 201, new
        {
            application = new { client_id = "bridge-2", client_secret = "bridge-secret-2", client_id_issued_at = 1_700_000_000, client_secret_expires_at = 0 },
        });

        var client = await driver.RegisterAsync(Connection(), Registration("orders:read"));

        Assert.Equal("bridge-2", client.ClientId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), client.ClientIdIssuedAt);
        Assert.Null(client.ClientSecretExpiresAt); // 0 means never
    }

    [Fact]
    public async Task Scope_changes_are_one_event_per_scope_and_application_changes_one_update_event()
    {
        Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(BasePath + "/bridge-1/event-hook").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        var client = Client("orders:read", "orders:write");

        var updated = await driver.UpdateAsync(
            Connection(), client, Registration("orders:read", "orders:admin") with { ApplicationName = "Orders", });

        var events = Server.Requests().Select(request => request.JsonBody()).ToArray();
        Assert.All(Server.Requests(), request => Assert.Equal(ApiKey, request.Header("X-API-KEY")));
        Assert.Equal(["update_application", "remove_registration", "add_registration"], events.Select(e => e.GetProperty("event_type").GetString()));
        Assert.Equal("Orders [portal:app-1]", events[0].GetProperty("application_name").GetString());
        Assert.Equal(["https://app.example.com/cb"], events[0].StringArray("redirect_uris"));
        Assert.Equal("orders:write", events[1].GetProperty("api_product_version_id").GetString());
        Assert.Equal("orders:admin", events[2].GetProperty("api_product_version_id").GetString());
        Assert.All(events, e => Assert.Equal("bridge-1", e.GetProperty("client_id").GetString()));
        Assert.All(events, e => Assert.Equal("app-1", e.GetProperty("application_id").GetString()));
        Assert.All(events, e => Assert.Equal(["orders:read", "orders:admin"], e.StringArray("scopes")));
        Assert.Equal(["orders:read", "orders:admin"], updated.Metadata.Scopes);
        Assert.Equal("bridge-secret-1", updated.ClientSecret);
    }

    [Fact]
    public async Task An_update_that_changes_nothing_sends_nothing()
    {
        var client = Client("orders:read");

        var updated = await driver.UpdateAsync(Connection(), client, Registration("orders:read"));

        Assert.Empty(Server.Requests());
        Assert.Equal(client.Metadata, updated.Metadata);
    }

    [Fact]
    public async Task Rotation_asks_for_a_new_secret_in_place()
    {
        Answer(WireMock.RequestBuilders.Request.Create().WithPath(BasePath + "/bridge-1/new-secret").UsingPost(), 200, new { client_id = "bridge-1", client_secret = "bridge-secret-2" });

        var rotation = await driver.RotateSecretAsync(Connection(), Client("orders:read"), Registration("orders:read"));

        var sent = Assert.Single(Server.Requests());
        Assert.Equal(ApiKey, sent.Header("X-API-KEY"));
        Assert.Equal(RotationStrategy.InPlace, rotation.Strategy);
        Assert.False(rotation.CallerMustDeletePreviousClient); // the bridge's old secret stops at once: no grace period
        Assert.Equal("bridge-secret-2", rotation.Client.ClientSecret);
        Assert.Equal(["orders:read"], rotation.Client.Metadata.Scopes);
    }

    [Fact]
    public async Task Rotation_answered_for_another_client_is_an_invalid_answer()
    {
        Answer(WireMock.RequestBuilders.Request.Create().WithPath(BasePath + "/bridge-1/new-secret").UsingPost(), 200, new { client_id = "bridge-9", client_secret = "bridge-secret-2" });

        var error = await Assert.ThrowsAsync<IdentityProviderException>(
            () => driver.RotateSecretAsync(Connection(), Client("orders:read"), Registration("orders:read")));

        Assert.Equal(IdentityProviderErrorKind.Uncertain, error.Kind);
        Assert.DoesNotContain("bridge-secret-2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_answers_204_and_an_unknown_client_is_already_gone()
    {
        Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(BasePath + "/bridge-1").UsingDelete()).RespondWith(Response.Create().WithStatusCode(204));
        Answer(WireMock.RequestBuilders.Request.Create().WithPath(BasePath + "/bridge-2").UsingDelete(), 404, new { error = "not_found", error_description = "no such application" });

        Assert.Equal(ClientDeletionOutcome.Deleted, await driver.DeleteAsync(Connection(), Client("orders:read")));
        Assert.Equal(ClientDeletionOutcome.AlreadyGone, await driver.DeleteAsync(Connection(), Client("orders:read") with { ClientId = "bridge-2" }));
    }

    [Fact]
    public async Task Refused_api_key_is_permanent_and_never_shown()
    {
        Answer(WireMock.RequestBuilders.Request.Create().WithPath(BasePath + "/").UsingPost(), 401, new { error = "unauthorized", error_description = $"bad key {ApiKey}" });

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.RegisterAsync(Connection(), Registration("orders:read")));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal(IdentityProviderMessages.CredentialsRefused, error.DeveloperMessage);
        Assert.Equal("unauthorized", error.Error);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.AdminDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_request_reports_the_bridge_error_and_description()
    {
        Answer(WireMock.RequestBuilders.Request.Create().WithPath(BasePath + "/").UsingPost(), 400, new { error = "invalid_client_metadata", error_description = "redirect_uris: must be https" });

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.RegisterAsync(Connection(), Registration("orders:read")));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal("invalid_client_metadata", error.Error);
        Assert.Contains("must be https", error.AdminDetail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429, IdentityProviderErrorKind.Transient)]
    [InlineData(503, IdentityProviderErrorKind.Transient)]
    [InlineData(500, IdentityProviderErrorKind.Uncertain)]
    public async Task Throttling_and_server_errors_of_a_registration_say_whether_it_may_have_acted(int status, IdentityProviderErrorKind kind)
    {
        Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(BasePath + "/").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Retry-After", "7").WithBodyAsJson(new { error = "busy", error_description = "later" }));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.RegisterAsync(Connection(), Registration("orders:read")));

        Assert.Equal(kind, error.Kind);
        if (status == 429)
        {
            Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        }
    }

    [Fact]
    public async Task A_lost_event_hook_answer_is_transient_since_events_are_repeated_safely()
    {
        Answer(WireMock.RequestBuilders.Request.Create().WithPath(BasePath + "/bridge-1/event-hook").UsingPost(), 502, new { error = "bad_gateway", error_description = "upstream" });

        var error = await Assert.ThrowsAsync<IdentityProviderException>(
            () => driver.UpdateAsync(Connection(), Client("orders:read"), Registration("orders:read", "orders:write")));

        Assert.Equal(IdentityProviderErrorKind.Transient, error.Kind);
    }

    [Fact]
    public async Task The_connection_probe_accepts_any_answer_but_a_refused_key()
    {
        Answer(WireMock.RequestBuilders.Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher(BasePath + "/portal-connection-check-*")).UsingDelete()
            .WithHeader("X-API-KEY", ApiKey), 404, new { error = "not_found", error_description = "unknown" });
        Answer(WireMock.RequestBuilders.Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher(BasePath + "/portal-connection-check-*")).UsingDelete()
            .WithHeader("X-API-KEY", "wrong-key"), 401, new { error = "unauthorized", error_description = "bad key" });

        var detail = await driver.ProbeAsync(Connection());
        var refused = await Assert.ThrowsAsync<IdentityProviderException>(
            () => driver.ProbeAsync(Connection(new StaticInitialAccessToken("wrong-key"))));

        Assert.Contains("accepted the API key", detail, StringComparison.Ordinal);
        Assert.Equal(IdentityProviderMessages.CredentialsRefused, refused.DeveloperMessage);
    }

    [Fact]
    public async Task Without_an_api_key_nothing_is_sent()
    {
        var error = await Assert.ThrowsAsync<IdentityProviderException>(
            () => driver.RegisterAsync(Connection(NoProviderCredentials.Instance), Registration("orders:read")));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Empty(Server.Requests());
    }

    [Fact]
    public async Task Reading_returns_the_client_as_last_sent_and_there_is_no_search()
    {
        var client = Client("orders:read");

        Assert.Same(client, await driver.ReadAsync(Connection(), client));
        Assert.Empty(Server.Requests());
        Assert.IsNotAssignableFrom<ITaggedClientSearch>(driver);
    }

    private IdentityProviderConnection Connection(ProviderCredentials? credentials = null) =>
        Connection(credentials ?? new StaticInitialAccessToken(ApiKey), "/idp", "/idp/token", BasePath);

    private static ClientRegistrationRequest Registration(params string[] scopes) =>
        new("app-1", "Orders reporting", new ClientMetadata
        {
            GrantTypes = ["authorization_code"],
            ResponseTypes = ["code"],
            RedirectUris = ["https://app.example.com/cb"],
            TokenEndpointAuthMethod = "client_secret_basic",
            Scopes = scopes,
        })
        {
            ApplicationDescription = "Reports on orders",
            DeveloperId = "dev-42",
        };

    private static RegisteredClient Client(params string[] scopes) =>
        new()
        {
            ClientId = "bridge-1",
            ClientSecret = "bridge-secret-1",
            Metadata = Registration(scopes).Metadata with { ClientName = "Orders reporting [portal:app-1]" },
        };
}
