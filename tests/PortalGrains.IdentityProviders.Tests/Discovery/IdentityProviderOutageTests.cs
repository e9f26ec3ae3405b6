using PortalGrains.IdentityProviders.Discovery;
using PortalGrains.IdentityProviders.Tests.Http.Support;
using PortalGrains.Testing;
using static PortalGrains.IdentityProviders.Tests.Discovery.MetadataCacheHarness;

namespace PortalGrains.IdentityProviders.Tests.Discovery;

/// <summary>The cache while the IdP is down: a dev IdP of this test's own, stopped mid-test.</summary>
public sealed class IdentityProviderOutageTests
{
    [Fact]
    public async Task A_stopped_idp_leaves_the_last_good_copy_served_with_the_reason_recorded()
    {
        await using var idp = await DevIdentityProvider.StartOwnAsync();
        using var harness = new MetadataCacheHarness(
            o => o.FailedRefreshBackoff = TimeSpan.FromSeconds(30),
            TestHttp.FastOptions(o => o.MaxRetryAttempts = 1));
        var source = NewSource(idp, "outage");
        var discoveriesBefore = await idp.StatAsync("discovery");
        var discovery = await harness.Cache.GetDiscoveryAsync(source);
        var keySet = await harness.Cache.GetKeySetAsync(source);
        Assert.Equal(discoveriesBefore + 1, await idp.StatAsync("discovery"));

        idp.Stop();
        harness.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Same(discovery, await harness.Cache.GetDiscoveryAsync(source));
        var status = harness.Cache.GetStatus(source.ProviderId)!;
        Assert.Same(discovery, status.Discovery);
        Assert.Same(status.DiscoveryError, status.LastError);
        Assert.NotNull(status.DiscoveryError);
        Assert.Equal(ProviderMetadataKind.Discovery, status.DiscoveryError.Kind);
        Assert.Contains("could not be fetched", status.DiscoveryError.Message, StringComparison.Ordinal);
        Assert.Contains("refused", status.DiscoveryError.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(harness.Clock.GetUtcNow(), status.DiscoveryError.At);

        Assert.Same(keySet, await harness.Cache.GetKeySetAsync(source));
        var jwksError = harness.Cache.GetStatus(source.ProviderId)!.JwksError;
        Assert.NotNull(jwksError);
        Assert.Contains($"JWKS of identity provider '{source.ProviderId}' could not be fetched", jwksError.Message, StringComparison.Ordinal);

        // Within the back-off the stale copy is served without knocking on the closed door again.
        var fetches = harness.Cache.Counters.DiscoveryFetches;
        Assert.Same(discovery, await harness.Cache.GetDiscoveryAsync(source));
        Assert.Equal(fetches, harness.Cache.Counters.DiscoveryFetches);
        Assert.True(harness.Cache.Counters.StaleServed >= 3);
    }

    [Fact]
    public async Task A_cold_cache_with_the_idp_down_gives_the_typed_error()
    {
        await using var idp = await DevIdentityProvider.StartOwnAsync();
        idp.Stop();
        using var harness = new MetadataCacheHarness(httpOptions: TestHttp.FastOptions(o => o.MaxRetryAttempts = 1));
        var source = NewSource(idp, "cold-outage");

        var errors = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Assert.ThrowsAsync<IdentityProviderMetadataUnavailableException>(() => harness.Cache.GetDiscoveryAsync(source))));

        var error = errors[0];
        Assert.Equal(source.ProviderId, error.ProviderId);
        Assert.Equal(idp.WellKnownUri, error.Url);
        Assert.Contains($"identity provider '{source.ProviderId}' could not be fetched from {idp.WellKnownUri}", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, harness.Requests.Count(DiscoveryPath));

        var status = harness.Cache.GetStatus(source.ProviderId)!;
        Assert.Null(status.Discovery);
        Assert.Equal(error.Message, status.LastError!.Message);

        await Assert.ThrowsAsync<IdentityProviderMetadataUnavailableException>(() => harness.Cache.GetKeySetAsync(source));
    }
}
