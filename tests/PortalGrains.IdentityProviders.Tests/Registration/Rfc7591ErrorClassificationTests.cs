using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Registration;
using PortalGrains.IdentityProviders.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PortalGrains.IdentityProviders.Tests.Registration;

/// <summary>
/// How the default driver types failures the dev IdP cannot produce on demand (5xx to management calls, lost
/// answers to PUT, refused connections), with a wire-level fake of the identity provider.
/// </summary>
public sealed class Rfc7591ErrorClassificationTests : WireFakeTests
{
    private const string InitialToken = "initial-token-4b1d9a";
    private const string RegistrationToken = "registration-token-77c2e0";
    private const string ClientSecret = "client-secret-f00d5e";

    private readonly Rfc7591ClientRegistrationDriver driver = new(new InitialAccessTokenProvider());

    [Fact]
    public async Task Registration_answered_500_is_uncertain()
    {
        Server.Given(Request.Create().WithPath("/reg").UsingPost()).RespondWith(Response.Create().WithStatusCode(500));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => Register());

        Assert.Equal(IdentityProviderErrorKind.Uncertain, error.Kind);
        Assert.Equal(500, error.HttpStatus);
    }

    [Fact]
    public async Task Read_answered_500_is_transient()
    {
        Server.Given(Request.Create().WithPath("/reg/c1").UsingGet()).RespondWith(Response.Create().WithStatusCode(500));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.ReadAsync(Connection(), Client()));

        Assert.Equal(IdentityProviderErrorKind.Transient, error.Kind);
    }

    [Fact]
    public async Task Registration_answered_429_is_transient_with_retry_after()
    {
        Server.Given(Request.Create().WithPath("/reg").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "30"));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => Register());

        Assert.Equal(IdentityProviderErrorKind.Transient, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Equal(IdentityProviderMessages.RateLimited, error.DeveloperMessage);
    }

    [Fact]
    public async Task Registration_whose_answer_times_out_is_uncertain()
    {
        Server.Given(Request.Create().WithPath("/reg").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithDelay(TimeSpan.FromSeconds(2)));
        Http.Timeout = TimeSpan.FromMilliseconds(300);

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => Register());

        Assert.Equal(IdentityProviderErrorKind.Uncertain, error.Kind);
        Assert.Null(error.HttpStatus);
    }

    [Fact]
    public async Task Registration_whose_connection_closes_without_an_answer_is_uncertain()
    {
        Server.Given(Request.Create().WithPath("/reg").UsingPost())
            .RespondWith(Response.Create().WithFault(FaultType.EMPTY_RESPONSE));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => Register());

        Assert.Equal(IdentityProviderErrorKind.Uncertain, error.Kind);
    }

    [Fact]
    public async Task Update_whose_answer_times_out_is_uncertain_since_the_registration_token_may_have_rotated()
    {
        Server.Given(Request.Create().WithPath("/reg/c1").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(2)));
        Http.Timeout = TimeSpan.FromMilliseconds(300);

        var error = await Assert.ThrowsAsync<IdentityProviderException>(
            () => driver.UpdateAsync(Connection(), Client(), TestRequests.ClientCredentials("a")));

        Assert.Equal(IdentityProviderErrorKind.Uncertain, error.Kind);
        Assert.Equal(IdentityProviderOperation.Update, error.Operation);
    }

    [Fact]
    public async Task Read_whose_answer_times_out_is_transient()
    {
        Server.Given(Request.Create().WithPath("/reg/c1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(2)));
        Http.Timeout = TimeSpan.FromMilliseconds(300);

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.ReadAsync(Connection(), Client()));

        Assert.Equal(IdentityProviderErrorKind.Transient, error.Kind);
    }

    [Fact]
    public async Task Registration_to_a_refused_connection_is_transient()
    {
        var closed = ClosedPort.NewUrl();
        var connection = new IdentityProviderConnection(
            Http,
            new RegistrationEndpoints(closed, new Uri(closed, "/reg"), new Uri(closed, "/token")),
            new StaticInitialAccessToken(InitialToken));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(
            () => driver.RegisterAsync(connection, TestRequests.ClientCredentials("a")));

        Assert.Equal(IdentityProviderErrorKind.Transient, error.Kind);
        Assert.Null(error.HttpStatus);
        Assert.Equal(IdentityProviderMessages.Unreachable, error.DeveloperMessage);
    }

    [Fact]
    public async Task Registration_answered_201_without_client_id_is_uncertain()
    {
        Server.Given(Request.Create().WithPath("/reg").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithBodyAsJson(new { client_name = "x" }));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => Register());

        Assert.Equal(IdentityProviderErrorKind.Uncertain, error.Kind);
    }

    [Fact]
    public async Task Delete_answered_405_is_unsupported()
    {
        Server.Given(Request.Create().WithPath("/reg/c1").UsingDelete()).RespondWith(Response.Create().WithStatusCode(405));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.DeleteAsync(Connection(), Client()));

        Assert.Equal(IdentityProviderErrorKind.Unsupported, error.Kind);
    }

    [Fact]
    public async Task Delete_answered_404_is_already_gone()
    {
        Server.Given(Request.Create().WithPath("/reg/c1").UsingDelete()).RespondWith(Response.Create().WithStatusCode(404));

        Assert.Equal(ClientDeletionOutcome.AlreadyGone, await driver.DeleteAsync(Connection(), Client()));
    }

    [Fact]
    public async Task Registration_without_registration_endpoint_is_unsupported_and_sends_nothing()
    {
        var connection = new IdentityProviderConnection(
            Http,
            new RegistrationEndpoints(new Uri(Server.Url!), null, new Uri(Server.Url + "/token")),
            new StaticInitialAccessToken(InitialToken));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(
            () => driver.RegisterAsync(connection, TestRequests.ClientCredentials("a")));

        Assert.Equal(IdentityProviderErrorKind.Unsupported, error.Kind);
        Assert.Empty(Server.Requests());
    }

    [Fact]
    public async Task Secrets_echoed_by_the_identity_provider_are_masked_everywhere_in_the_exception()
    {
        Server.Given(Request.Create().WithPath("/reg/c1").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(400).WithBodyAsJson(new
            {
                error = "invalid_client_metadata",
                error_description = $"token {RegistrationToken} may not change secret {ClientSecret}",
                client_secret = "another-secret-not-known-to-the-portal",
            }));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(
            () => driver.UpdateAsync(Connection(), Client(), TestRequests.ClientCredentials("a")));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal("invalid_client_metadata", error.Error);
        Assert.Equal(IdentityProviderMessages.InvalidClientMetadata, error.DeveloperMessage);
        foreach (var text in new[] { error.Message, error.ToString(), error.AdminDetail, error.ErrorDescription, error.ResponseBody })
        {
            Assert.NotNull(text);
            Assert.DoesNotContain(RegistrationToken, text, StringComparison.Ordinal);
            Assert.DoesNotContain(ClientSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("another-secret-not-known-to-the-portal", text, StringComparison.Ordinal);
        }

        Assert.Contains(SecretScrubberMask, error.ErrorDescription!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_an_identity_provider_error()
    {
        Server.Given(Request.Create().WithPath("/reg").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithDelay(TimeSpan.FromSeconds(2)));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => driver.RegisterAsync(Connection(), TestRequests.ClientCredentials("a"), cancellation.Token));
    }

    [Fact]
    public async Task Registration_sends_the_rfc7591_document_with_the_initial_access_token()
    {
        Server.Given(Request.Create().WithPath("/reg").UsingPost()).RespondWith(Response.Create().WithStatusCode(201)
            .WithBodyAsJson(new { client_id = "c1", client_secret = ClientSecret, client_secret_expires_at = 1900000000 }));
        var request = TestRequests.ClientCredentials("a", "b") with
        {
            Metadata = TestRequests.ClientCredentials().Metadata with
            {
                Scopes = ["a", "b"],
                Extensions = new Dictionary<string, System.Text.Json.JsonElement>
                {
                    ["tos_uri"] = System.Text.Json.JsonSerializer.SerializeToElement("https://orders.example/tos"),
                    ["client_secret"] = System.Text.Json.JsonSerializer.SerializeToElement("must-not-be-sent"),
                },
            },
        };

        var client = await driver.RegisterAsync(Connection(), request);

        var sent = Assert.Single(Server.Requests());
        Assert.Equal($"Bearer {InitialToken}", sent.Header("Authorization"));
        var body = sent.JsonBody();
        Assert.Equal($"Orders reporting [portal:{request.PortalApplicationId}]", body.GetProperty("client_name").GetString());
        Assert.Equal($"portal:{request.PortalApplicationId}", body.GetProperty("software_id").GetString());
        Assert.Equal("a b", body.GetProperty("scope").GetString());
        Assert.Equal(["client_credentials"], body.StringArray("grant_types"));
        Assert.Empty(body.StringArray("response_types"));
        Assert.Empty(body.StringArray("redirect_uris"));
        Assert.Equal("https://orders.example/tos", body.GetProperty("tos_uri").GetString());
        Assert.False(body.TryGetProperty("client_secret", out _));
        Assert.False(body.TryGetProperty("client_id", out _));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1900000000), client.ClientSecretExpiresAt);
    }

    [Fact]
    public async Task Update_sends_the_client_id_and_never_the_registration_fields()
    {
        Server.Given(Request.Create().WithPath("/reg/c1").UsingPut()).RespondWith(Response.Create().WithStatusCode(200)
            .WithBodyAsJson(new { client_id = "c1", registration_access_token = "rotated-token-1", scope = "a" }));

        var updated = await driver.UpdateAsync(Connection(), Client(), TestRequests.ClientCredentials("a"));

        var sent = Assert.Single(Server.Requests());
        Assert.Equal($"Bearer {RegistrationToken}", sent.Header("Authorization"));
        var body = sent.JsonBody();
        Assert.Equal("c1", body.GetProperty("client_id").GetString());
        foreach (var forbidden in new[] { "registration_access_token", "registration_client_uri", "client_secret_expires_at", "client_id_issued_at", "client_secret" })
        {
            Assert.False(body.TryGetProperty(forbidden, out _), forbidden);
        }

        Assert.Equal("rotated-token-1", updated.RegistrationAccessToken);
        Assert.Equal(ClientSecret, updated.ClientSecret); // not in the answer: kept
        Assert.Equal(Client().RegistrationClientUri, updated.RegistrationClientUri);
    }

    private static string SecretScrubberMask => "***";

    private Task<RegisteredClient> Register() => driver.RegisterAsync(Connection(), TestRequests.ClientCredentials("a"));

    private IdentityProviderConnection Connection() =>
        new(
            Http,
            new RegistrationEndpoints(new Uri(Server.Url!), new Uri(Server.Url + "/reg"), new Uri(Server.Url + "/token")),
            new StaticInitialAccessToken(InitialToken));

    private RegisteredClient Client() =>
        new()
        {
            ClientId = "c1",
            ClientSecret = ClientSecret,
            RegistrationAccessToken = RegistrationToken,
            RegistrationClientUri = new Uri(Server.Url + "/reg/c1"),
            Metadata = new ClientMetadata { GrantTypes = ["client_credentials"], Scopes = ["a"] },
        };
}
