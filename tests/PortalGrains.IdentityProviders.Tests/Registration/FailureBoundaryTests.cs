using PortalGrains.IdentityProviders.Discovery;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Registration;
using PortalGrains.IdentityProviders.Tests.Http.Support;
using PortalGrains.IdentityProviders.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PortalGrains.IdentityProviders.Tests.Registration;

/// <summary>
/// Whatever fails below a driver (the connection, the resilience pipeline, the outbound policy, the identity provider's
/// answer), its callers see only an <see cref="IdentityProviderException"/> of the right kind: nothing from the HTTP
/// stack or Polly leaves the layer.
/// </summary>
public sealed class FailureBoundaryTests : WireFakeTests
{
    private readonly Rfc7591ClientRegistrationDriver driver = new(new InitialAccessTokenProvider());

    [Fact]
    public async Task A_refused_connection_is_transient()
    {
        using var factory = TestHttp.CreateFactory(TestHttp.FastOptions(o => o.MaxRetryAttempts = 0));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(
            () => Register(factory, ClosedPort.NewUrl()));

        Assert.Equal(IdentityProviderErrorKind.Transient, error.Kind);
        Assert.Equal(IdentityProviderMessages.Unreachable, error.DeveloperMessage);
        Assert.Contains("was not sent", error.AdminDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_by_the_outbound_policy_is_permanent()
    {
        using var factory = TestHttp.CreateFactory(policy: TestHttp.Policy(o => o.BlockLoopback = true));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => Register(factory, new Uri(Server.Url!)));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal(IdentityProviderMessages.AddressRefused, error.DeveloperMessage);
        Assert.Empty(Server.Requests());
    }

    [Fact]
    public async Task A_timed_out_registration_is_uncertain_and_a_timed_out_read_transient()
    {
        Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(3)));
        using var factory = TestHttp.CreateFactory(TestHttp.FastOptions(o =>
        {
            o.MaxRetryAttempts = 0;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.TotalTimeout = TimeSpan.FromMilliseconds(500);
        }));

        var registration = await Assert.ThrowsAsync<IdentityProviderException>(() => Register(factory, new Uri(Server.Url!)));
        var read = await Assert.ThrowsAsync<IdentityProviderException>(
            () => Read(factory));

        Assert.Equal(IdentityProviderErrorKind.Uncertain, registration.Kind);
        Assert.Equal(IdentityProviderMessages.Unconfirmed, registration.DeveloperMessage);
        Assert.Equal(IdentityProviderErrorKind.Transient, read.Kind);
        Assert.Equal(IdentityProviderMessages.Unavailable, read.DeveloperMessage);
    }

    [Fact]
    public async Task An_open_circuit_is_transient_and_sends_nothing()
    {
        Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(500));
        using var factory = TestHttp.CreateFactory(TestHttp.FastOptions(o =>
        {
            o.MaxRetryAttempts = 0;
            o.BreakerMinimumThroughput = 3;
            o.BreakerFailureRatio = 0.5;
            o.BreakerBreakDuration = TimeSpan.FromSeconds(30);
        }));
        var settings = TestHttp.NewProvider("boundary-breaker");
        for (var i = 0; i < 3; i++)
        {
            var failed = await Assert.ThrowsAsync<IdentityProviderException>(
                () => Read(factory, settings));
            Assert.Equal(500, failed.HttpStatus);
        }

        var error = await Assert.ThrowsAsync<IdentityProviderException>(
            () => Read(factory, settings));

        Assert.Equal(IdentityProviderErrorKind.Transient, error.Kind);
        Assert.Equal(IdentityProviderMessages.Unreachable, error.DeveloperMessage);
        Assert.Null(error.HttpStatus);
        Assert.Equal(3, Server.Requests().Count);
    }

    [Fact]
    public async Task A_500_to_a_registration_is_uncertain_and_a_503_transient()
    {
        Server.Given(Request.Create().WithPath("/reg").UsingPost()).RespondWith(Response.Create().WithStatusCode(500));
        Server.Given(Request.Create().WithPath("/reg/c1").UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
        using var factory = TestHttp.CreateFactory(TestHttp.FastOptions(o => o.MaxRetryAttempts = 0));

        var registration = await Assert.ThrowsAsync<IdentityProviderException>(() => Register(factory, new Uri(Server.Url!)));
        var read = await Assert.ThrowsAsync<IdentityProviderException>(
            () => Read(factory));

        Assert.Equal(IdentityProviderErrorKind.Uncertain, registration.Kind);
        Assert.Equal(500, registration.HttpStatus);
        Assert.Equal(IdentityProviderErrorKind.Transient, read.Kind);
        Assert.Equal(503, read.HttpStatus);
    }

    [Fact]
    public async Task A_400_is_permanent()
    {
        Server.Given(Request.Create().WithPath("/reg").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithBodyAsJson(new { error = "invalid_redirect_uri" }));
        using var factory = TestHttp.CreateFactory(TestHttp.FastOptions(o => o.MaxRetryAttempts = 0));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => Register(factory, new Uri(Server.Url!)));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal(IdentityProviderMessages.InvalidRedirectUri, error.DeveloperMessage);
    }

    [Fact]
    public void Metadata_that_cannot_be_fetched_is_transient_and_metadata_that_is_not_acceptable_permanent()
    {
        var url = new Uri("https://idp.example/.well-known/openid-configuration");
        IdentityProviderMetadataException unavailable = new IdentityProviderMetadataUnavailableException("p", ProviderMetadataKind.Discovery, url, "HTTP 503");
        IdentityProviderMetadataException invalid = new IdentityProviderMetadataInvalidException("p", ProviderMetadataKind.Discovery, url, "no jwks_uri");
        IdentityProviderMetadataException mismatch = new IdentityProviderIssuerMismatchException("p", "https://idp.example", "https://other.example");

        Assert.Equal(
            (IdentityProviderErrorKind.Transient, "The identity provider is not reachable right now."),
            (unavailable.ErrorKind, unavailable.DeveloperMessage));
        Assert.All([invalid, mismatch], e => Assert.Equal(
            (IdentityProviderErrorKind.Permanent, "The identity provider is not configured correctly."),
            (e.ErrorKind, e.DeveloperMessage)));
    }

    private Task<RegisteredClient> Register(IdentityProviderHttpClientFactory factory, Uri origin) =>
        Call(factory, origin, null, connection => driver.RegisterAsync(connection, TestRequests.ClientCredentials("a")));

    private Task<RegisteredClient> Read(IdentityProviderHttpClientFactory factory, ProviderHttpSettings? settings = null) =>
        Call(factory, new Uri(Server.Url!), settings, connection => driver.ReadAsync(connection, Client()));

    private static async Task<T> Call<T>(
        IdentityProviderHttpClientFactory factory, Uri origin, ProviderHttpSettings? settings, Func<IdentityProviderConnection, Task<T>> call)
    {
        using var http = factory.CreateClient(settings ?? TestHttp.NewProvider("boundary"));
        return await call(new IdentityProviderConnection(
            http,
            new RegistrationEndpoints(origin, new Uri(origin, "/reg"), new Uri(origin, "/token")),
            new StaticInitialAccessToken("initial-token")));
    }

    private RegisteredClient Client() =>
        new()
        {
            ClientId = "c1",
            RegistrationAccessToken = "registration-token",
            RegistrationClientUri = new Uri(Server.Url + "/reg/c1"),
            Metadata = new ClientMetadata { GrantTypes = ["client_credentials"], Scopes = ["a"] },
        };
}
