using System.Net;
using System.Net.Http.Headers;
using PortalGrains.Testing;

namespace PortalGrains.Host.Tests.Dashboard;

/// <summary>Portal:Dashboard: the Orleans Dashboard, off by default, on its own path and for admins only when on.</summary>
public sealed class DashboardTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task By_default_the_dashboard_path_is_not_served()
    {
        var idp = await DevIdentityProvider.GetSharedAsync();
        using var http = new HttpClient();
        await using var host = HostProcess.Start(ProductionEnvironment(idp));
        await host.WaitUntilHealthyAsync(http, StartTimeout);

        using var anonymous = await http.GetAsync(new Uri(host.BaseAddress, "/dashboard"));
        using var admin = await GetAsync(http, new Uri(host.BaseAddress, "/dashboard/"), await AdminTokenAsync(idp));

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode);
    }

    [Fact]
    public async Task When_on_the_dashboard_answers_admins_only_with_the_login_tokens_of_the_api()
    {
        var idp = await DevIdentityProvider.GetSharedAsync();
        var environment = DashboardEnvironment(idp, "/ops/dashboard");
        using var http = new HttpClient();
        await using var host = HostProcess.Start(environment);
        await host.WaitUntilHealthyAsync(http, StartTimeout);
        var page = new Uri(host.BaseAddress, "/ops/dashboard/");
        var developerToken = await idp.LoginTokenAsync("dashboard-dev-" + Guid.NewGuid().ToString("N")[..8]);

        using var anonymous = await http.GetAsync(page);
        using var badToken = await GetAsync(http, page, "not-a-token");
        using var developer = await GetAsync(http, page, developerToken);
        using var admin = await GetAsync(http, page, await AdminTokenAsync(idp));
        using var defaultPath = await GetAsync(http, new Uri(host.BaseAddress, "/dashboard/"), await AdminTokenAsync(idp));
        using var developerCounters = await GetAsync(http, new Uri(host.BaseAddress, "/ops/dashboard/DashboardCounters"), developerToken);
        using var adminCounters = await GetAsync(http, new Uri(host.BaseAddress, "/ops/dashboard/DashboardCounters"), await AdminTokenAsync(idp));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, badToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, developer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal("text/html", admin.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Orleans", await admin.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, defaultPath.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, developerCounters.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminCounters.StatusCode);
        Assert.Contains("totalActivationCount", await adminCounters.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_browser_hands_an_admin_token_once_in_the_address_and_keeps_it_in_a_cookie_of_the_dashboard_path()
    {
        var idp = await DevIdentityProvider.GetSharedAsync();
        using var http = new HttpClient();
        await using var host = HostProcess.Start(DashboardEnvironment(idp, "/dashboard"));
        await host.WaitUntilHealthyAsync(http, StartTimeout);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var developerToken = await idp.LoginTokenAsync("dashboard-dev-" + Guid.NewGuid().ToString("N")[..8]);

        using var developerLink = await browser.GetAsync(new Uri(host.BaseAddress, "/dashboard/?access_token=" + developerToken));
        using var adminLink = await browser.GetAsync(new Uri(host.BaseAddress, "/dashboard/?access_token=" + await AdminTokenAsync(idp)));
        using var page = await browser.GetAsync(new Uri(host.BaseAddress, "/dashboard/"));
        using var counters = await browser.GetAsync(new Uri(host.BaseAddress, "/dashboard/DashboardCounters"));

        Assert.Equal(HttpStatusCode.Forbidden, developerLink.StatusCode);
        Assert.False(developerLink.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Found, adminLink.StatusCode);
        Assert.Equal("/dashboard/", adminLink.Headers.Location?.OriginalString);
        var cookie = Assert.Single(adminLink.Headers.GetValues("Set-Cookie"));
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
    }

    [Fact]
    public async Task A_path_the_portal_serves_itself_fails_start_up_with_one_clear_line()
    {
        await using var host = HostProcess.Start(DashboardEnvironment(await DevIdentityProvider.GetSharedAsync(), "/graphql"));

        var line = await host.StartupRefusalAsync(StartTimeout);
        Assert.StartsWith("PortalGrains cannot start:", line);
        Assert.Contains("Portal:Dashboard", line);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, Uri uri, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static Task<string> AdminTokenAsync(DevIdentityProvider idp) =>
        idp.LoginTokenAsync("dashboard-admin-" + Guid.NewGuid().ToString("N")[..8], "admin@example.com", scope: "portal:admin");

    private static Dictionary<string, string> DashboardEnvironment(DevIdentityProvider idp, string path)
    {
        var environment = ProductionEnvironment(idp);
        environment["Portal__Dashboard__Enabled"] = "true";
        environment["Portal__Dashboard__Path"] = path;
        return environment;
    }

    private static Dictionary<string, string> ProductionEnvironment(DevIdentityProvider idp)
    {
        var environment = HostProcess.MemorySiloEnvironment();
        environment["Portal__Auth__Authority"] = idp.IssuerText;
        environment["Portal__Auth__Audience"] = "portal";
        environment["Portal__Auth__RequireHttpsMetadata"] = "false";
        return environment;
    }
}
