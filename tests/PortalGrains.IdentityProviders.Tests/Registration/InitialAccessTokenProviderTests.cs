using Microsoft.Extensions.Logging.Abstractions;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PortalGrains.IdentityProviders.Tests.Registration;

/// <summary>The client_credentials initial access token cache, against a wire-level token endpoint.</summary>
public sealed class InitialAccessTokenProviderTests : WireFakeTests
{
    private const string Secret = "portal-registrar-secret-9f3e";

    private readonly ManualTimeProvider clock = new();
    private readonly InitialAccessTokenProvider provider;
    private int issued;

    public InitialAccessTokenProviderTests()
    {
        provider = new InitialAccessTokenProvider(
            clock,
            new InitialAccessTokenOptions { RefreshBeforeExpiry = TimeSpan.FromSeconds(60) },
            NullLogger<InitialAccessTokenProvider>.Instance);
    }

    private Uri TokenEndpoint => new(Server.Url + "/token");

    private ClientCredentialsGrant Grant => new("portal-registrar", Secret, Scope: "dcr");

    [Fact]
    public async Task Static_token_is_returned_as_it_is_and_open_registration_has_none()
    {
        Assert.Equal("static-1", await provider.GetBearerTokenAsync(Http, new StaticInitialAccessToken("static-1"), TokenEndpoint));
        Assert.Null(await provider.GetBearerTokenAsync(Http, NoProviderCredentials.Instance, TokenEndpoint));
        Assert.Empty(Server.Requests());
    }

    [Fact]
    public async Task Fetched_token_is_requested_with_the_client_credentials_grant_and_cached()
    {
        IssueTokens(expiresIn: 3600);

        var first = await provider.GetBearerTokenAsync(Http, Grant, TokenEndpoint);
        var second = await provider.GetBearerTokenAsync(Http, Grant, TokenEndpoint);

        Assert.Equal("token-1", first);
        Assert.Equal("token-1", second);
        var request = Assert.Single(Server.Requests());
        Assert.StartsWith("Basic ", request.Header("Authorization"), StringComparison.Ordinal);
        var form = request.FormBody();
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("dcr", form["scope"]);
    }

    [Fact]
    public async Task Cached_token_is_replaced_shortly_before_it_expires()
    {
        IssueTokens(expiresIn: 600);

        Assert.Equal("token-1", await provider.GetBearerTokenAsync(Http, Grant, TokenEndpoint));
        clock.Advance(TimeSpan.FromSeconds(600 - 61));
        Assert.Equal("token-1", await provider.GetBearerTokenAsync(Http, Grant, TokenEndpoint));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("token-2", await provider.GetBearerTokenAsync(Http, Grant, TokenEndpoint));
        Assert.Equal(2, Server.Requests().Count);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_token_request()
    {
        IssueTokens(expiresIn: 3600, delay: TimeSpan.FromMilliseconds(300));

        var tokens = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(_ => provider.GetBearerTokenAsync(Http, Grant, TokenEndpoint).AsTask()));

        Assert.All(tokens, token => Assert.Equal("token-1", token));
        Assert.Single(Server.Requests());
    }

    [Fact]
    public async Task Single_use_tokens_are_never_reused()
    {
        IssueTokens(expiresIn: 3600);

        var first = await provider.GetBearerTokenAsync(Http, Grant, TokenEndpoint, singleUse: true);
        var second = await provider.GetBearerTokenAsync(Http, Grant, TokenEndpoint, singleUse: true);

        Assert.NotEqual(first, second);
        Assert.Equal(2, Server.Requests().Count);
    }

    [Fact]
    public async Task Invalidated_token_is_fetched_again()
    {
        IssueTokens(expiresIn: 3600);

        Assert.Equal("token-1", await provider.GetBearerTokenAsync(Http, Grant, TokenEndpoint));
        provider.Invalidate(Grant, TokenEndpoint);
        Assert.Equal("token-2", await provider.GetBearerTokenAsync(Http, Grant, TokenEndpoint));
    }

    [Fact]
    public async Task Audience_and_body_credentials_are_sent_when_asked()
    {
        IssueTokens(expiresIn: 3600);
        var grant = Grant with { Scope = null, Audience = "https://tenant.example/api/v2/", SendCredentialsInBody = true };

        await provider.GetBearerTokenAsync(Http, grant, TokenEndpoint);

        var request = Assert.Single(Server.Requests());
        Assert.Null(request.Header("Authorization"));
        var form = request.FormBody();
        Assert.Equal("https://tenant.example/api/v2/", form["audience"]);
        Assert.Equal("portal-registrar", form["client_id"]);
        Assert.Equal(Secret, form["client_secret"]);
        Assert.False(form.ContainsKey("scope"));
    }

    [Fact]
    public async Task Refused_client_is_permanent_without_the_secret()
    {
        Server.Given(Request.Create().WithPath("/token").UsingPost()).RespondWith(Response.Create().WithStatusCode(401)
            .WithBodyAsJson(new { error = "invalid_client", error_description = "client authentication failed" }));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(
            async () => await provider.GetBearerTokenAsync(Http, Grant, TokenEndpoint));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal(IdentityProviderOperation.ObtainAccessToken, error.Operation);
        Assert.Equal("invalid_client", error.Error);
        Assert.Equal(IdentityProviderMessages.CredentialsRefused, error.DeveloperMessage);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_endpoint_failing_with_500_is_transient()
    {
        Server.Given(Request.Create().WithPath("/token").UsingPost()).RespondWith(Response.Create().WithStatusCode(500));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(
            async () => await provider.GetBearerTokenAsync(Http, Grant, TokenEndpoint));

        Assert.Equal(IdentityProviderErrorKind.Transient, error.Kind);
    }

    private void IssueTokens(int expiresIn, TimeSpan? delay = null)
    {
        var response = Response.Create()
            .WithStatusCode(200)
            .WithBodyAsJson(_ => new
            {
                access_token = $"token-{Interlocked.Increment(ref issued)}",
                token_type = "Bearer",
                expires_in = expiresIn,
            });
        if (delay is { } wait)
        {
            response = response.WithDelay(wait);
        }

        Server.Given(Request.Create().WithPath("/token").UsingPost()).RespondWith(response);
    }
}
