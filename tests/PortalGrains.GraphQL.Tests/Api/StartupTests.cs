using PortalGrains.Testing;
using System.Net;
using PortalGrains.GraphQL.Tests.Infrastructure;

namespace PortalGrains.GraphQL.Tests.Api;

/// <summary>Hosts of their own: how the Portal:Auth configuration decides start-up and the login IdP's reachability.</summary>
public sealed class StartupTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Outside_development_a_missing_authority_fails_start_up_with_one_clear_line()
    {
        await using var host = HostProcess.Start(HostProcess.MemorySiloEnvironment());

        var line = await host.StartupRefusalAsync(StartTimeout);
        Assert.StartsWith("PortalGrains cannot start: Portal:Auth:Authority is not set", line);
        Assert.Contains("Portal__Auth__Authority", line);
    }

    [Fact]
    public async Task Outside_development_a_missing_audience_fails_start_up_with_one_clear_line()
    {
        await LoginIdp.RequireAsync();
        await using var host = HostProcess.Start(LoginIdpEnvironment());

        var line = await host.StartupRefusalAsync(StartTimeout);
        Assert.StartsWith("PortalGrains cannot start: Portal:Auth:Audience is not set", line);
        Assert.Contains("Portal__Auth__Audience", line);
        Assert.Contains("Portal:Auth:AllowAnyAudience=true", line);
    }

    [Fact]
    public async Task Outside_development_allow_any_audience_starts_and_accepts_a_token_for_another_api()
    {
        await LoginIdp.RequireAsync();
        var environment = LoginIdpEnvironment();
        environment["Portal__Auth__AllowAnyAudience"] = "true";
        await using var host = HostProcess.Start(environment);
        using var http = new HttpClient();
        await host.WaitUntilHealthyAsync(http, StartTimeout);
        var sub = "any-" + Guid.NewGuid().ToString("N")[..12];

        var response = await new GraphQLEndpointClient(host.BaseAddress).PostAsync(
            "{ viewer { id } }", LoginIdp.SignWithIdpKey(LoginIdp.Claims(sub, audience: "urn:some-other-api")));

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.Equal(sub, response.Data.GetProperty("viewer").GetProperty("id").GetString());
    }

    [Fact]
    public async Task In_development_the_dev_idp_is_the_default_login_idp()
    {
        await LoginIdp.RequireAsync();
        Assert.True(LoginIdp.IssuerText == GraphQL.Auth.PortalAuthOptions.DevelopmentAuthority,
            $"this test needs the dev IdP at its default address {GraphQL.Auth.PortalAuthOptions.DevelopmentAuthority} (PG_TEST_IDP_URL is {LoginIdp.IssuerText})");
        await using var host = HostProcess.Start(HostProcess.MemorySiloEnvironment(), "Development");
        using var http = new HttpClient();
        await host.WaitUntilHealthyAsync(http, StartTimeout);
        var sub = "dev-" + Guid.NewGuid().ToString("N")[..12];

        var response = await new GraphQLEndpointClient(host.BaseAddress).PostAsync("{ viewer { id } }", await LoginIdp.LoginTokenAsync(sub));

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.Equal(sub, response.Data.GetProperty("viewer").GetProperty("id").GetString());
    }

    [Fact]
    public async Task While_the_login_idp_is_unreachable_tokens_get_AUTH_UNAVAILABLE_and_anonymous_reads_still_work()
    {
        await LoginIdp.RequireAsync();
        var environment = HostProcess.MemorySiloEnvironment();
        environment["Portal__Auth__Authority"] = $"http://127.0.0.1:{FreePort.Next()}";
        environment["Portal__Auth__RequireHttpsMetadata"] = "false";
        environment["Portal__Auth__Audience"] = LoginIdp.Audience;
        await using var host = HostProcess.Start(environment);
        using var http = new HttpClient();
        await host.WaitUntilHealthyAsync(http, StartTimeout);
        var client = new GraphQLEndpointClient(host.BaseAddress);

        var withToken = await client.PostAsync("{ viewer { id } }", await LoginIdp.LoginTokenAsync("user-" + Guid.NewGuid().ToString("N")[..8]));
        var anonymous = await client.PostAsync("{ serverVersion }");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, withToken.Status);
        Assert.Equal(["AUTH_UNAVAILABLE"], withToken.ErrorCodes);
        Assert.True(anonymous.Status == HttpStatusCode.OK && anonymous.Errors.Count == 0, anonymous.ToString());
    }

    [Fact]
    public async Task A_development_host_answers_introspection()
    {
        await LoginIdp.RequireAsync();
        await using var host = HostProcess.Start(LoginIdpEnvironment(), "Development");
        using var http = new HttpClient();
        await host.WaitUntilHealthyAsync(http, StartTimeout);

        var response = await new GraphQLEndpointClient(host.BaseAddress).PostAsync("{ __schema { queryType { name } } }");

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.Equal("Query", response.Data.GetProperty("__schema").GetProperty("queryType").GetProperty("name").GetString());
    }

    /// <summary>The dev IdP as login IdP, with no audience set.</summary>
    private static Dictionary<string, string> LoginIdpEnvironment()
    {
        var environment = HostProcess.MemorySiloEnvironment();
        environment["Portal__Auth__Authority"] = LoginIdp.IssuerText;
        environment["Portal__Auth__RequireHttpsMetadata"] = "false";
        return environment;
    }
}
