using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PortalGrains.Configuration;
using PortalGrains.IdentityProviders.Discovery;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.IdentityProviders.Tests.Configuration;

/// <summary>The former names of the identity provider sections: read where the new key is not set, the new key winning.</summary>
public sealed class FormerConfigurationKeysTests
{
    [Fact]
    public void A_former_key_is_read_when_the_new_key_is_not_set()
    {
        using var provider = Services(new()
        {
            ["IdentityProviders:Http:AttemptTimeout"] = "00:00:04",
            ["IdentityProviders:Metadata:JwksTimeToLive"] = "00:07:00",
            ["IdentityProviders:InitialAccess:RefreshBeforeExpiry"] = "00:00:20",
        });

        Assert.Equal(TimeSpan.FromSeconds(4), provider.GetRequiredService<IOptions<IdentityProviderHttpOptions>>().Value.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(7), provider.GetRequiredService<IOptions<ProviderMetadataCacheOptions>>().Value.JwksTimeToLive);
        Assert.Equal(TimeSpan.FromSeconds(20), provider.GetRequiredService<IOptions<InitialAccessTokenOptions>>().Value.RefreshBeforeExpiry);
    }

    [Fact]
    public void A_new_key_wins_over_its_former_name_and_other_former_keys_still_apply()
    {
        using var provider = Services(new()
        {
            ["IdentityProviders:Http:AttemptTimeout"] = "00:00:04",
            ["IdentityProviders:Http:MaxRetryAttempts"] = "1",
            ["Portal:IdentityProviders:Http:AttemptTimeout"] = "00:00:06",
            ["IdentityProviders:Metadata:JwksTimeToLive"] = "00:07:00",
            ["Portal:IdentityProviders:Discovery:JwksTimeToLive"] = "00:08:00",
        });

        var http = provider.GetRequiredService<IOptions<IdentityProviderHttpOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(6), http.AttemptTimeout);
        Assert.Equal(1, http.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromMinutes(8), provider.GetRequiredService<IOptions<ProviderMetadataCacheOptions>>().Value.JwksTimeToLive);
    }

    [Fact]
    public void The_initial_access_settings_are_read_from_their_section()
    {
        using var provider = Services(new()
        {
            ["Portal:IdentityProviders:InitialAccess:RefreshBeforeExpiry"] = "00:00:30",
            ["Portal:IdentityProviders:InitialAccess:LifetimeWhenUnknown"] = "00:02:00",
        });

        var options = provider.GetRequiredService<IOptions<InitialAccessTokenOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(30), options.RefreshBeforeExpiry);
        Assert.Equal(TimeSpan.FromMinutes(2), options.LifetimeWhenUnknown);
    }

    [Fact]
    public void A_former_name_limited_to_some_keys_reads_only_those()
    {
        using var provider = Services(new()
        {
            ["IdentityProviders:Http:BlockPrivateNetworks"] = "true",
            ["IdentityProviders:Http:AllowInsecureTls"] = "true",
        });

        var policy = provider.GetRequiredService<IOptions<OutboundPolicyOptions>>().Value;
        Assert.True(policy.BlockPrivateNetworks);
        Assert.False(policy.AllowInsecureTls);
    }

    [Fact]
    public void Problems_are_reported_under_the_new_section_name()
    {
        using var provider = Services(new() { ["IdentityProviders:Http:BreakerMinimumThroughput"] = "1" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<IdentityProviderHttpOptions>>().Value);
        Assert.Equal("Portal:IdentityProviders:Http: BreakerMinimumThroughput must be at least 2", Assert.Single(error.Failures));
    }

    [Fact]
    public void Start_up_code_reading_a_section_sees_what_the_container_binds()
    {
        var settings = new Dictionary<string, string?>
        {
            ["IdentityProviders:Http:AttemptTimeout"] = "00:00:04",
            ["IdentityProviders:Http:MaxRetryAttempts"] = "1",
            ["Portal:IdentityProviders:Http:AttemptTimeout"] = "00:00:06",
        };
        using var provider = Services(settings);

        var read = new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .ReadOptions<IdentityProviderHttpOptions>(IdentityProviderHttpOptions.SectionName, IdentityProviderHttpOptions.FormerSection);

        var bound = provider.GetRequiredService<IOptions<IdentityProviderHttpOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(6), 1), (read.AttemptTimeout, read.MaxRetryAttempts));
        Assert.Equal((bound.AttemptTimeout, bound.MaxRetryAttempts), (read.AttemptTimeout, read.MaxRetryAttempts));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging()
            .AddIdentityProviderMetadataCache()
            .AddClientRegistrationDrivers()
            .BuildServiceProvider();
}
