using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PortalGrains.IdentityProviders.Http;

namespace PortalGrains.IdentityProviders.Tests.Http;

/// <summary>How Portal:Outbound is resolved: defaults per environment, the former IdentityProviders:Http keys, precedence.</summary>
public sealed class OutboundPolicyOptionsTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_development_loopback_is_blocked_and_insecure_tls_not_allowed(string environment)
    {
        var policy = Resolve(environment, []);

        Assert.True(policy.BlockLoopback);
        Assert.False(policy.BlockPrivateNetworks);
        Assert.False(policy.AllowInsecureTls);
    }

    [Fact]
    public void In_development_loopback_is_allowed_and_insecure_tls_too()
    {
        var policy = Resolve("Development", []);

        Assert.False(policy.BlockLoopback);
        Assert.False(policy.BlockPrivateNetworks);
        Assert.True(policy.AllowInsecureTls);
    }

    [Fact]
    public void Without_a_host_environment_the_defaults_are_those_outside_development()
    {
        var policy = Resolve(environment: null, []);

        Assert.True(policy.BlockLoopback);
        Assert.False(policy.AllowInsecureTls);
    }

    [Fact]
    public void The_new_keys_are_bound()
    {
        var policy = Resolve("Development", new()
        {
            ["Portal:Outbound:BlockLoopback"] = "true",
            ["Portal:Outbound:BlockPrivateNetworks"] = "true",
            ["Portal:Outbound:AllowInsecureTls"] = "false",
        });

        Assert.True(policy.BlockLoopback);
        Assert.True(policy.BlockPrivateNetworks);
        Assert.False(policy.AllowInsecureTls);
    }

    [Fact]
    public void The_former_keys_are_honoured_when_the_new_ones_are_not_set()
    {
        var policy = Resolve("Production", new()
        {
            ["IdentityProviders:Http:BlockLoopback"] = "false",
            ["IdentityProviders:Http:BlockPrivateNetworks"] = "true",
        });

        Assert.False(policy.BlockLoopback);
        Assert.True(policy.BlockPrivateNetworks);
    }

    [Fact]
    public void A_new_key_wins_over_its_former_name()
    {
        var policy = Resolve("Production", new()
        {
            ["IdentityProviders:Http:BlockLoopback"] = "false",
            ["IdentityProviders:Http:BlockPrivateNetworks"] = "true",
            ["Portal:Outbound:BlockLoopback"] = "true",
            ["Portal:Outbound:BlockPrivateNetworks"] = "false",
        });

        Assert.True(policy.BlockLoopback);
        Assert.False(policy.BlockPrivateNetworks);
    }

    [Fact]
    public void Registered_with_the_http_layer_it_follows_the_registered_host_environment()
    {
        using var production = Services("Production", []);
        using var development = Services("Development", []);
        using var configured = Services("Production", new() { ["Portal:Outbound:BlockLoopback"] = "false" });

        Assert.True(production.GetRequiredService<IOptions<OutboundPolicyOptions>>().Value.BlockLoopback);
        Assert.False(development.GetRequiredService<IOptions<OutboundPolicyOptions>>().Value.BlockLoopback);
        Assert.False(configured.GetRequiredService<IOptions<OutboundPolicyOptions>>().Value.BlockLoopback);
    }

    [Fact]
    public void A_configure_delegate_runs_after_the_configuration_whatever_the_order_of_registration()
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(Configuration(new() { ["Portal:Outbound:BlockPrivateNetworks"] = "false" }))
            .AddLogging();
        services.AddOutboundPolicy(o => o.BlockPrivateNetworks = true);
        services.AddIdentityProviderHttp();
        using var provider = services.BuildServiceProvider();

        Assert.True(provider.GetRequiredService<IOptions<OutboundPolicyOptions>>().Value.BlockPrivateNetworks);
    }

    private static OutboundPolicyOptions Resolve(string? environment, Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(Configuration(settings));
        if (environment is not null)
        {
            services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(environment));
        }

        using var provider = services.AddOutboundPolicy().BuildServiceProvider();
        return provider.GetRequiredService<IOptions<OutboundPolicyOptions>>().Value;
    }

    private static ServiceProvider Services(string environment, Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(Configuration(settings))
            .AddSingleton<IHostEnvironment>(new TestHostEnvironment(environment))
            .AddLogging()
            .AddIdentityProviderHttp()
            .BuildServiceProvider();

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private sealed class TestHostEnvironment(string environmentName) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = environmentName;

        public string ApplicationName { get; set; } = "PortalGrains.Tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
