using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PortalGrains.IdentityProviders.Discovery;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.Tests.Http.Support;
using PortalGrains.Testing;

namespace PortalGrains.IdentityProviders.Tests.Discovery;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public async Task The_registered_cache_fetches_through_the_registered_http_layer_with_bound_options()
    {
        var idp = await DevIdentityProvider.GetSharedAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Portal:IdentityProviders:Http:MaxRetryAttempts"] = "1",
                ["Portal:Outbound:BlockPrivateNetworks"] = "true",
                ["Portal:Outbound:BlockLoopback"] = "false",
                ["Portal:IdentityProviders:Discovery:UnknownKeyRefreshInterval"] = "00:00:05",
            })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging();
        services.AddIdentityProviderMetadataCache(o => o.JwksTimeToLive = TimeSpan.FromMinutes(5));
        services.AddIdentityProviderHttp(o => o.AttemptTimeout = TimeSpan.FromSeconds(4));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var http = provider.GetRequiredService<IOptions<IdentityProviderHttpOptions>>().Value;
        var policy = provider.GetRequiredService<IOptions<OutboundPolicyOptions>>().Value;
        var metadata = provider.GetRequiredService<IOptions<ProviderMetadataCacheOptions>>().Value;
        Assert.Equal(1, http.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(4), http.AttemptTimeout);
        Assert.True(policy.BlockPrivateNetworks);
        Assert.False(policy.BlockLoopback);
        Assert.Equal(TimeSpan.FromSeconds(5), metadata.UnknownKeyRefreshInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), metadata.JwksTimeToLive);
        Assert.Same(provider.GetRequiredService<IIdentityProviderHttpClientFactory>(), provider.GetRequiredService<IdentityProviderHttpClientFactory>());

        var cache = provider.GetRequiredService<IProviderMetadataCache>();
        var source = new ProviderMetadataSource(TestHttp.NewProvider("di"), idp.WellKnownUri, 1);
        var document = await cache.GetDiscoveryAsync(source);
        Assert.Equal(idp.IssuerText, document.Issuer);
    }

    [Fact]
    public void Invalid_options_are_reported_with_their_names()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddIdentityProviderMetadataCache(o => o.DiscoveryTimeToLive = TimeSpan.Zero);
        services.AddIdentityProviderHttp(o => o.BreakerMinimumThroughput = 1);
        using var provider = services.BuildServiceProvider();

        var metadata = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<ProviderMetadataCacheOptions>>().Value);
        var http = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<IdentityProviderHttpOptions>>().Value);

        Assert.Contains("Portal:IdentityProviders:Discovery: DiscoveryTimeToLive must be positive", metadata.Message, StringComparison.Ordinal);
        Assert.Contains("Portal:IdentityProviders:Http: BreakerMinimumThroughput must be at least 2", http.Message, StringComparison.Ordinal);
    }
}
