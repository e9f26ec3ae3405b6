using System.Net;
using Polly.CircuitBreaker;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.Tests.Http.Support;
using PortalGrains.Testing;

namespace PortalGrains.IdentityProviders.Tests.Http;

public sealed class CircuitBreakerTests
{
    [Fact]
    public async Task Repeated_failures_open_one_providers_circuit_only_and_it_closes_after_the_break()
    {
        var healthy = false;
        await using var server = new ScriptedHttpServer(_ => Volatile.Read(ref healthy) ? new ScriptedResponse(200) : new ScriptedResponse(500));
        var failing = TestHttp.NewProvider("breaker-failing");
        var other = TestHttp.NewProvider("breaker-other");
        using var factory = TestHttp.CreateFactory(TestHttp.FastOptions(o =>
        {
            o.MaxRetryAttempts = 0;
            o.BreakerMinimumThroughput = 3;
            o.BreakerFailureRatio = 0.5;
            o.BreakerSamplingDuration = TimeSpan.FromSeconds(30);
            o.BreakerBreakDuration = TimeSpan.FromSeconds(1);
        }));
        var url = new Uri(server.BaseUri, "/jwks");
        using var failingClient = factory.CreateClient(failing);
        using var otherClient = factory.CreateClient(other);

        for (var i = 0; i < 3; i++)
        {
            using var failed = await failingClient.GetAsync(url);
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        var broken = await Assert.ThrowsAsync<BrokenCircuitException>(() => failingClient.GetAsync(url));
        Assert.Equal(3, server.RequestCount);
        Assert.Equal(IdentityProviderRequestFailureKind.NotSent, IdentityProviderRequestFailureClassifier.Classify(broken).Kind);

        // The other provider's circuit is its own: its calls still reach the server.
        using (var fromOther = await otherClient.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, fromOther.StatusCode);
        }

        Assert.Equal(4, server.RequestCount);

        Volatile.Write(ref healthy, true);
        await Eventually.AssertAsync(async () =>
        {
            try
            {
                using var response = await failingClient.GetAsync(url);
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (BrokenCircuitException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(15), "the failing provider's circuit closes after its break duration");
    }
}
