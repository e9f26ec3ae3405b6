using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using PortalGrains.GraphQL.Auth;

namespace PortalGrains.GraphQL.Tests.Auth;

public sealed class PortalAuthOptionsTests
{
    [Fact]
    public void Outside_development_a_missing_authority_fails_with_a_line_that_says_what_to_set()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Options(Environments.Production, []));

        var message = Assert.Single(failure.Failures);
        Assert.StartsWith("Portal:Auth:Authority is not set", message);
        Assert.Contains("Portal__Auth__Authority", message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void Development_defaults_to_the_dev_idp_without_https_metadata()
    {
        var options = Options(Environments.Development, []);

        Assert.Equal(PortalAuthOptions.DevelopmentAuthority, options.Authority);
        Assert.False(options.RequireHttpsMetadata);
        Assert.Null(options.Audience);
        Assert.Equal("portal:admin", options.AdminScope);
        Assert.Equal("portal-admin", options.AdminRole);
    }

    [Fact]
    public void An_https_authority_requires_https_metadata_by_default()
    {
        var options = Options(Environments.Production, new() { ["Portal:Auth:Authority"] = "https://login.example.com/realms/portal", ["Portal:Auth:Audience"] = "portal" });

        Assert.True(options.RequireHttpsMetadata);
        Assert.Equal("portal", options.Audience);
    }

    [Fact]
    public void A_plain_http_authority_needs_require_https_metadata_turned_off_and_only_on_loopback()
    {
        var notTurnedOff = Assert.Throws<OptionsValidationException>(() =>
            Options(Environments.Production, new() { ["Portal:Auth:Authority"] = "http://127.0.0.1:9010" }));
        Assert.Contains("RequireHttpsMetadata", Assert.Single(notTurnedOff.Failures));

        var loopback = Options(Environments.Production, new() { ["Portal:Auth:Authority"] = "http://127.0.0.1:9010", ["Portal:Auth:RequireHttpsMetadata"] = "false", ["Portal:Auth:Audience"] = "portal" });
        Assert.False(loopback.RequireHttpsMetadata);

        var remote = Assert.Throws<OptionsValidationException>(() =>
            Options(Environments.Development, new() { ["Portal:Auth:Authority"] = "http://login.example.com", ["Portal:Auth:RequireHttpsMetadata"] = "false" }));
        Assert.Contains("only for a loopback Authority", Assert.Single(remote.Failures));
    }

    [Fact]
    public void Outside_development_a_missing_audience_fails_with_a_line_that_names_both_ways_out()
    {
        var failure = Assert.Throws<OptionsValidationException>(() =>
            Options(Environments.Production, new() { ["Portal:Auth:Authority"] = "https://login.example.com/realms/portal" }));

        var message = Assert.Single(failure.Failures);
        Assert.StartsWith("Portal:Auth:Audience is not set", message);
        Assert.Contains("Portal__Auth__Audience", message);
        Assert.Contains("Portal:Auth:AllowAnyAudience=true", message);
        Assert.DoesNotContain('\n', message);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void A_blank_audience_counts_as_missing(string environmentName)
    {
        var failure = Assert.Throws<OptionsValidationException>(() =>
            Options(environmentName, new() { ["Portal:Auth:Authority"] = "https://login.example.com", ["Portal:Auth:Audience"] = "  " }));

        Assert.StartsWith("Portal:Auth:Audience is not set", Assert.Single(failure.Failures));
    }

    [Fact]
    public void Allow_any_audience_said_explicitly_starts_without_an_audience()
    {
        var options = Options(Environments.Production, new() { ["Portal:Auth:Authority"] = "https://login.example.com", ["Portal:Auth:AllowAnyAudience"] = "true" });

        Assert.Null(options.Audience);
        Assert.True(options.AllowAnyAudience);
    }

    [Fact]
    public void The_audience_is_checked_by_the_bearer_scheme_whenever_it_is_set()
    {
        var withAudience = JwtParameters(Environments.Production, new() { ["Portal:Auth:Authority"] = "https://login.example.com", ["Portal:Auth:Audience"] = "portal", ["Portal:Auth:AllowAnyAudience"] = "true" });
        var anyAudience = JwtParameters(Environments.Production, new() { ["Portal:Auth:Authority"] = "https://login.example.com", ["Portal:Auth:AllowAnyAudience"] = "true" });

        Assert.True(withAudience.ValidateAudience);
        Assert.Equal("portal", withAudience.ValidAudience);
        Assert.False(anyAudience.ValidateAudience);
    }

    [Fact]
    public void A_relative_authority_is_refused()
    {
        var failure = Assert.Throws<OptionsValidationException>(() =>
            Options(Environments.Production, new() { ["Portal:Auth:Authority"] = "login.example.com" }));

        Assert.Contains("absolute http(s) URL", Assert.Single(failure.Failures));
    }

    private static TokenValidationParameters JwtParameters(string environmentName, Dictionary<string, string?> settings)
    {
        using var provider = Provider(environmentName, settings);
        return provider.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(PortalAuthenticationExtensions.Scheme).TokenValidationParameters;
    }

    private static PortalAuthOptions Options(string environmentName, Dictionary<string, string?> settings)
    {
        using var provider = Provider(environmentName, settings);
        return provider.GetRequiredService<IOptions<PortalAuthOptions>>().Value;
    }

    private static ServiceProvider Provider(string environmentName, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddPortalAuthentication(new HostingEnvironment { EnvironmentName = environmentName });
        return services.BuildServiceProvider();
    }
}
