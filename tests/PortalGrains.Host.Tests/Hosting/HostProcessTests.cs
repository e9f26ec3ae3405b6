using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PortalGrains.Host.Tests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.Host.Tests.Hosting;

public sealed class HostProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_host_becomes_healthy_on_azure_tables_and_answers_graphql_over_post_and_get()
    {
        TestServers.RequireAzurite();
        using var http = new HttpClient();
        await using var host = HostProcess.Start(AzureTablesEnvironment());
        await host.WaitUntilHealthyAsync(http, StartTimeout);

        using var post = await http.PostAsJsonAsync(new Uri(host.BaseAddress, "/graphql"), new { query = "{ __typename }" });
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal("Query", (await ReadJson(post)).GetProperty("data").GetProperty("__typename").GetString());

        using var get = await http.GetAsync(new Uri(host.BaseAddress, "/graphql?query=" + Uri.EscapeDataString("{ __typename serverVersion }")));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var data = (await ReadJson(get)).GetProperty("data");
        Assert.Equal("Query", data.GetProperty("__typename").GetString());
        Assert.False(string.IsNullOrEmpty(data.GetProperty("serverVersion").GetString()));
    }

    [Fact]
    public async Task Malformed_batched_oversized_and_too_deep_requests_get_clear_errors()
    {
        TestServers.RequireAzurite();
        using var http = new HttpClient();
        await using var host = HostProcess.Start(AzureTablesEnvironment());
        await host.WaitUntilHealthyAsync(http, StartTimeout);
        var endpoint = new Uri(host.BaseAddress, "/graphql");

        using var notJson = await http.PostAsync(endpoint, new StringContent("{ __typename }", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("BAD_REQUEST", ErrorCode(await ReadJson(notJson)));

        using var batch = await http.PostAsync(endpoint, new StringContent("[{\"query\":\"{ __typename }\"}]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, batch.StatusCode);
        Assert.Equal("BATCHING_NOT_SUPPORTED", ErrorCode(await ReadJson(batch)));

        var huge = JsonSerializer.Serialize(new { query = "{ __typename }", variables = new { padding = new string('x', 5 * 1024 * 1024) } });
        using var oversized = await http.PostAsync(endpoint, new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);

        using var wrongType = await http.PostAsync(endpoint, new StringContent("query={__typename}", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);

        var deep = "{ " + string.Concat(Enumerable.Repeat("__schema { types { fields { type { ofType { ", 10)) + "name" + new string('}', 50) + " }";
        using var tooDeep = await http.PostAsJsonAsync(endpoint, new { query = deep });
        var errors = (await ReadJson(tooDeep)).GetProperty("errors");
        Assert.NotEqual(0, errors.GetArrayLength());
    }

    [Fact]
    public async Task Unreachable_azure_table_storage_fails_start_up_with_one_clear_line()
    {
        var environment = AzureTablesEnvironment();
        environment["ConnectionStrings__AzureTables"] =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:" + FreePort.Next() + "/devstoreaccount1;";
        await using var host = HostProcess.Start(environment);

        var line = await host.StartupRefusalAsync(StartTimeout);
        Assert.StartsWith("PortalGrains cannot start: Azure Table storage is not reachable at http://127.0.0.1:", line);
        Assert.Contains("Azurite/start.sh", line);
        Assert.DoesNotContain("AccountKey", line);
    }

    [Fact]
    public async Task Unreachable_redis_for_clustering_fails_start_up_with_one_clear_line()
    {
        var environment = AzureTablesEnvironment();
        environment["Orleans__Clustering"] = "Redis";
        environment["Orleans__Storage"] = "Memory";
        environment["ConnectionStrings__Redis"] = "127.0.0.1:" + FreePort.Next();
        await using var host = HostProcess.Start(environment);

        var line = await host.StartupRefusalAsync(StartTimeout);
        Assert.StartsWith("PortalGrains cannot start: Redis is not reachable at 127.0.0.1:", line);
        Assert.Contains("start redis-server", line);
    }

    [Fact]
    public async Task An_unknown_storage_kind_fails_start_up_with_one_clear_line()
    {
        var environment = AzureTablesEnvironment();
        environment["Orleans__Storage"] = "Cassandra";
        await using var host = HostProcess.Start(environment);

        var line = await host.StartupRefusalAsync(StartTimeout);
        Assert.Contains("Orleans:Storage is AzureTables, Redis or Memory", line);
    }

    [Fact]
    public async Task An_out_of_range_port_fails_start_up_with_one_clear_line()
    {
        var environment = AzureTablesEnvironment();
        environment["Orleans__SiloPort"] = "70000";
        await using var host = HostProcess.Start(environment);

        var line = await host.StartupRefusalAsync(StartTimeout);
        Assert.StartsWith("PortalGrains cannot start: The Orleans configuration section is invalid", line);
        Assert.Contains("SiloPort", line);
    }

    private static Dictionary<string, string> AzureTablesEnvironment()
    {
        var serviceId = "host-" + Guid.NewGuid().ToString("N");
        return new Dictionary<string, string>
        {
            ["Orleans__Clustering"] = "Localhost",
            ["Orleans__Storage"] = "AzureTables",
            ["Orleans__ClusterId"] = serviceId,
            ["Orleans__ServiceId"] = serviceId,
            ["Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
            ["ConnectionStrings__AzureTables"] = TestServers.AzureTables,
            ["Portal__Auth__Authority"] = DevIdentityProvider.Shared.IssuerText,
            ["Portal__Auth__Audience"] = "portal",
            ["Portal__Auth__RequireHttpsMetadata"] = "false",
            ["Portal__Outbound__BlockLoopback"] = "false",
        };
    }

    private static async Task<JsonElement> ReadJson(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static string? ErrorCode(JsonElement body) =>
        body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();
}
