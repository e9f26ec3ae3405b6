using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.Tests.Http.Support;
using PortalGrains.Testing;

namespace PortalGrains.IdentityProviders.Tests.Http;

/// <summary>Which failures the pipeline retries, per method, seen from the server's side of the wire.</summary>
public sealed class RetryPolicyTests
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    [Fact]
    public async Task A_post_that_times_out_after_being_sent_is_not_retried_and_is_uncertain()
    {
        await using var server = new ScriptedHttpServer(_ => ScriptedResponse.Hang);
        var settings = TestHttp.NewProvider("post-timeout");
        var options = TestHttp.FastOptions(o => o.AttemptTimeout = AttemptTimeout);
        using var factory = TestHttp.CreateFactory(options, timeProvider: _clock);
        using var client = factory.CreateClient(settings);

        // A non-idempotent request has one attempt, bounded by the total timeout.
        var exception = await Assert.ThrowsAsync<TimeoutRejectedException>(
            () => TimeOutEachAttemptAsync(server, client.SendAsync(Post(server, "/reg")), attempts: 1, options.TotalTimeout));

        Assert.Equal(1, server.RequestCount);
        var failure = IdentityProviderRequestFailureClassifier.Classify(exception);
        Assert.Equal(IdentityProviderRequestFailureKind.Uncertain, failure.Kind);
        Assert.False(failure.IsSafeToRetry);
    }

    [Fact]
    public async Task A_get_that_times_out_is_retried()
    {
        await using var server = new ScriptedHttpServer(_ => ScriptedResponse.Hang);
        var settings = TestHttp.NewProvider("get-timeout");
        using var factory = TestHttp.CreateFactory(
            TestHttp.FastOptions(o =>
            {
                o.AttemptTimeout = AttemptTimeout;
                o.MaxRetryAttempts = 2;
                o.RetryBaseDelay = TimeSpan.Zero;
                o.RetryMaxDelay = TimeSpan.Zero;
            }),
            timeProvider: _clock);
        using var client = factory.CreateClient(settings);

        await Assert.ThrowsAsync<TimeoutRejectedException>(
            () => TimeOutEachAttemptAsync(server, client.GetAsync(new Uri(server.BaseUri, "/jwks")), attempts: 3, AttemptTimeout));

        Assert.Equal(3, server.RequestCount);
    }

    [Fact]
    public async Task A_post_to_a_closed_port_is_retried_and_is_not_sent()
    {
        var settings = TestHttp.NewProvider("post-refused");
        var closed = new Uri($"http://127.0.0.1:{ScriptedHttpServer.GetClosedPort()}/reg");
        using var attempts = new AttemptCounter(settings.ProviderId);
        using var factory = TestHttp.CreateFactory(TestHttp.FastOptions(o => o.MaxRetryAttempts = 3));
        using var client = factory.CreateClient(settings);

        var exception = await Assert.ThrowsAsync<HttpRequestException>(
            () => client.PostAsync(closed, new StringContent("{}", Encoding.UTF8, "application/json")));

        Assert.IsNotType<OutboundRequestRefusedException>(exception);
        Assert.Equal(4, attempts.Attempts);
        var failure = IdentityProviderRequestFailureClassifier.Classify(exception);
        Assert.Equal(IdentityProviderRequestFailureKind.NotSent, failure.Kind);
        Assert.True(failure.IsSafeToRetry);
    }

    [Fact]
    public async Task A_post_retried_after_refused_connections_reaches_a_server_that_starts_late()
    {
        var settings = TestHttp.NewProvider("post-late-server");
        var port = ScriptedHttpServer.GetClosedPort();
        using var attempts = new AttemptCounter(settings.ProviderId);
        using var factory = TestHttp.CreateFactory(TestHttp.FastOptions(o =>
        {
            o.MaxRetryAttempts = 10;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(200);
        }));
        using var client = factory.CreateClient(settings);

        var send = client.PostAsync(new Uri($"http://127.0.0.1:{port}/reg"), new StringContent("{}", Encoding.UTF8, "application/json"));
        await Eventually.AssertAsync(() => Task.FromResult(attempts.Attempts >= 1), TimeSpan.FromSeconds(10), "a first refused attempt");
        await using var server = new ScriptedHttpServer(_ => new ScriptedResponse(201), port: port);

        using var response = await send;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, server.RequestCount);
        Assert.True(attempts.Attempts >= 2, $"{attempts.Attempts} attempts");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task A_post_answered_with_a_server_error_is_not_retried_and_is_uncertain(int status)
    {
        await using var server = new ScriptedHttpServer(_ => new ScriptedResponse(status));
        using var factory = TestHttp.CreateFactory();
        using var client = factory.CreateClient(TestHttp.NewProvider("post-5xx"));

        using var response = await client.SendAsync(Post(server, "/reg"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(1, server.RequestCount);
        Assert.Equal(IdentityProviderRequestFailureKind.Uncertain, IdentityProviderRequestFailureClassifier.Classify(response)!.Kind);
    }

    [Fact]
    public async Task A_get_answered_with_500_is_retried()
    {
        await using var server = new ScriptedHttpServer(_ => new ScriptedResponse(500));
        using var factory = TestHttp.CreateFactory(TestHttp.FastOptions(o => o.MaxRetryAttempts = 3));
        using var client = factory.CreateClient(TestHttp.NewProvider("get-500"));

        using var response = await client.GetAsync(new Uri(server.BaseUri, "/.well-known/openid-configuration"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(4, server.RequestCount);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task A_post_answered_with_503_or_429_is_retried_honouring_a_capped_retry_after(int status)
    {
        var answered = 0;
        await using var server = new ScriptedHttpServer(_ => Interlocked.Increment(ref answered) <= 2
            ? new ScriptedResponse(status, Headers: new Dictionary<string, string> { ["Retry-After"] = "5" })
            : new ScriptedResponse(201));
        var cap = TimeSpan.FromMilliseconds(100);
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = logs.CreateFactory();
        using var factory = TestHttp.CreateFactory(TestHttp.FastOptions(o => o.MaxRetryAfter = cap), loggerFactory);
        using var client = factory.CreateClient(TestHttp.NewProvider("post-retry-after"));

        using var response = await client.SendAsync(Post(server, "/reg"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, server.RequestCount);
        // The delays the pipeline chose, rather than how long the test took: the 5 s asked for, capped.
        var retries = logs.Logs.Where(l => l.EventId.Id == 7104).Select(l => l.Message).ToList();
        Assert.Equal(2, retries.Count);
        Assert.All(retries, message => Assert.EndsWith($" in {cap}", message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_post_rejected_with_400_is_not_retried()
    {
        await using var server = new ScriptedHttpServer(_ => new ScriptedResponse(400, """{"error":"invalid_client_metadata"}"""));
        using var factory = TestHttp.CreateFactory();
        using var client = factory.CreateClient(TestHttp.NewProvider("post-400"));

        using var response = await client.SendAsync(Post(server, "/reg"));

        Assert.Equal(1, server.RequestCount);
        var failure = IdentityProviderRequestFailureClassifier.Classify(response)!;
        Assert.Equal(IdentityProviderRequestFailureKind.Rejected, failure.Kind);
        Assert.Equal(HttpStatusCode.BadRequest, failure.StatusCode);
        Assert.False(failure.IsSafeToRetry);
    }

    /// <summary>
    /// Lets each of <paramref name="attempts"/> attempts time out on the fake clock once the server has it, so that an
    /// attempt never times out before it reached the server, however slow the machine.
    /// </summary>
    private async Task<HttpResponseMessage> TimeOutEachAttemptAsync(
        ScriptedHttpServer server, Task<HttpResponseMessage> call, int attempts, TimeSpan timeout)
    {
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var reached = attempt;
            await Eventually.AssertAsync(() => Task.FromResult(server.RequestCount >= reached), TimeSpan.FromSeconds(30), $"attempt {reached} at the server");
            _clock.Advance(timeout);
        }

        return await call;
    }

    private static HttpRequestMessage Post(ScriptedHttpServer server, string path) =>
        new(HttpMethod.Post, new Uri(server.BaseUri, path))
        {
            Content = new StringContent("""{"client_name":"x"}""", Encoding.UTF8, "application/json"),
        };
}
