using PortalGrains.IdentityProviders.Discovery;
using PortalGrains.IdentityProviders.Tests.Http.Support;
using PortalGrains.Testing;
using static PortalGrains.IdentityProviders.Tests.Discovery.MetadataCacheHarness;

namespace PortalGrains.IdentityProviders.Tests.Discovery;

/// <summary>The cache against the shared dev IdP.</summary>
public sealed class ProviderMetadataCacheTests
{
    [Fact]
    public async Task Fifty_concurrent_reads_of_a_cold_provider_fetch_discovery_once()
    {
        var idp = await DevIdentityProvider.GetSharedAsync();
        using var harness = new MetadataCacheHarness();
        var source = NewSource(idp, "cold-discovery");

        var documents = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(_ => Task.Run(() => harness.Cache.GetDiscoveryAsync(source))));

        Assert.Equal(1, harness.Requests.Count(DiscoveryPath));
        Assert.Equal(0, harness.Requests.Count(JwksPath));
        Assert.Equal(1, harness.Cache.Counters.DiscoveryFetches);
        Assert.All(documents, d => Assert.Same(documents[0], d));
        var document = documents[0];
        Assert.Equal(idp.IssuerText, document.Issuer);
        Assert.Equal(new Uri($"{idp.IssuerText}/jwks"), document.JwksUri);
        Assert.Equal(new Uri($"{idp.IssuerText}/token"), document.TokenEndpoint);
        Assert.Equal(idp.RegistrationEndpoint, document.RegistrationEndpoint);
        Assert.Equal(harness.Clock.GetUtcNow(), document.FetchedAt);
        Assert.Contains("client_secret_basic", document.TokenEndpointAuthMethodsSupported);

        await harness.Cache.GetDiscoveryAsync(source);
        Assert.Equal(1, harness.Requests.Count(DiscoveryPath));
        Assert.True(harness.Cache.Counters.DiscoveryHits >= 1);
    }

    [Fact]
    public async Task An_expired_entry_is_fetched_again_once()
    {
        var idp = await DevIdentityProvider.GetSharedAsync();
        using var harness = new MetadataCacheHarness(o => o.DiscoveryTimeToLive = TimeSpan.FromMinutes(10));
        var source = NewSource(idp, "ttl");
        var first = await harness.Cache.GetDiscoveryAsync(source);

        harness.Clock.Advance(TimeSpan.FromMinutes(11));
        var refreshed = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => harness.Cache.GetDiscoveryAsync(source)));

        Assert.Equal(2, harness.Requests.Count(DiscoveryPath));
        Assert.All(refreshed, d => Assert.NotSame(first, d));
        Assert.All(refreshed, d => Assert.Same(refreshed[0], d));
    }

    [Fact]
    public async Task The_key_set_holds_the_idps_signing_keys()
    {
        var idp = await DevIdentityProvider.GetSharedAsync();
        using var harness = new MetadataCacheHarness();
        var source = NewSource(idp, "jwks");
        var kids = await idp.KidsAsync();

        var keySet = await harness.Cache.GetKeySetAsync(source);
        var all = await harness.Cache.GetSigningKeysAsync(source, kid: null);
        var first = await harness.Cache.GetSigningKeysAsync(source, kids[0]);

        Assert.Subset(keySet.SigningKeys.Select(k => k.KeyId).ToHashSet(), kids.ToHashSet());
        Assert.Equal(keySet.SigningKeys.Count, all.Count);
        Assert.Equal(kids[0], Assert.Single(first).KeyId);
        Assert.Equal(1, harness.Requests.Count(JwksPath));
        Assert.Equal(1, harness.Requests.Count(DiscoveryPath));
    }

    [Fact]
    public async Task A_document_stating_another_issuer_is_refused_with_the_typed_error()
    {
        var idp = await DevIdentityProvider.GetSharedAsync();
        using var harness = new MetadataCacheHarness();
        var expected = $"{idp.IssuerText}/tenants/other";
        var source = NewSource(idp, "issuer-mismatch") with { ExpectedIssuer = expected };

        var error = await Assert.ThrowsAsync<IdentityProviderIssuerMismatchException>(() => harness.Cache.GetDiscoveryAsync(source));

        Assert.Equal(expected, error.ExpectedIssuer);
        Assert.Equal(idp.IssuerText, error.ActualIssuer);
        Assert.Contains($"issuer mismatch: expected {expected}, got {idp.IssuerText}", error.Message, StringComparison.Ordinal);
        var status = harness.Cache.GetStatus(source.ProviderId)!;
        Assert.Null(status.Discovery);
        Assert.Equal(error.Message, status.LastError!.Message);
    }

    [Fact]
    public async Task The_expected_issuer_defaults_to_the_well_known_urls_base()
    {
        var idp = await DevIdentityProvider.GetSharedAsync();
        var source = NewSource(idp, "issuer-default");

        Assert.Equal(idp.IssuerText, source.ResolveExpectedIssuer());
        Assert.Equal(
            "https://idp.example/realms/x",
            (source with { WellKnownUrl = new Uri("https://idp.example/realms/x/.well-known/openid-configuration") }).ResolveExpectedIssuer());
        Assert.Equal(
            "https://idp.example/tenant",
            (source with { WellKnownUrl = new Uri("https://idp.example/.well-known/oauth-authorization-server/tenant") }).ResolveExpectedIssuer());
        var issuerOnly = source with { WellKnownUrl = new Uri("https://idp.example/tenant/") };
        Assert.Equal("https://idp.example/tenant", issuerOnly.ResolveExpectedIssuer());
        Assert.Equal(new Uri("https://idp.example/tenant/.well-known/openid-configuration"), issuerOnly.ResolveDocumentUrl());
    }

    [Fact]
    public async Task Plain_http_is_refused_when_the_provider_does_not_allow_it()
    {
        var idp = await DevIdentityProvider.GetSharedAsync();
        using var harness = new MetadataCacheHarness();
        var source = NewSource(idp, "http-not-allowed");
        source = source with { Http = source.Http with { AllowHttp = false } };

        var error = await Assert.ThrowsAsync<IdentityProviderMetadataInvalidException>(() => harness.Cache.GetDiscoveryAsync(source));

        Assert.Contains("https is required", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.Requests.Count(DiscoveryPath));
    }

    [Fact]
    public async Task A_new_settings_version_and_an_explicit_invalidation_refetch()
    {
        var idp = await DevIdentityProvider.GetSharedAsync();
        using var harness = new MetadataCacheHarness();
        var v1 = NewSource(idp, "versions");

        await harness.Cache.GetDiscoveryAsync(v1);
        await harness.Cache.GetDiscoveryAsync(v1);
        Assert.Equal(1, harness.Requests.Count(DiscoveryPath));

        var v2 = v1 with { SettingsVersion = 2 };
        await harness.Cache.GetDiscoveryAsync(v2);
        Assert.Equal(2, harness.Requests.Count(DiscoveryPath));
        Assert.Equal(2, harness.Cache.GetStatus(v1.ProviderId)!.SettingsVersion);

        Assert.True(harness.Cache.Invalidate(v1.ProviderId));
        Assert.Null(harness.Cache.GetStatus(v1.ProviderId));
        await harness.Cache.GetDiscoveryAsync(v2);
        Assert.Equal(3, harness.Requests.Count(DiscoveryPath));
        Assert.False(harness.Cache.Invalidate($"never-cached-{Guid.NewGuid():N}"));
    }
}
