using System.Net;
using PortalGrains.Testing;

namespace PortalGrains.Host.Tests.Telemetry;

/// <summary>Telemetry:MetricsPort: /metrics on a port of its own, never on the API's port outside Development.</summary>
public sealed class MetricsPortTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task With_a_metrics_port_metrics_answer_there_and_404_on_the_api_port()
    {
        var metricsPort = FreePort.Next();
        var environment = ProductionEnvironment();
        environment["Telemetry__MetricsPort"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient();
        await using var host = HostProcess.Start(environment);
        await host.WaitUntilHealthyAsync(http, StartTimeout);
        var metrics = new UriBuilder(host.BaseAddress) { Port = metricsPort }.Uri;

        // The health request above was measured: a scrape shows the ASP.NET Core request metric.
        var scrape = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await http.GetAsync(new Uri(metrics, "/metrics"));
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            },
            r => r.StatusCode == HttpStatusCode.OK && r.Body.Contains("http_server_request_duration_seconds", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "/metrics on the metrics port with the request metric");
        using var onApiPort = await http.GetAsync(new Uri(host.BaseAddress, "/metrics"));
        using var graphQLOnMetricsPort = await http.PostAsync(new Uri(metrics, "/graphql"), new StringContent("{\"query\":\"{ __typename }\"}", System.Text.Encoding.UTF8, "application/json"));
        using var healthOnMetricsPort = await http.GetAsync(new Uri(metrics, "/healthz"));

        Assert.Contains("orleans_", scrape.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, onApiPort.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, graphQLOnMetricsPort.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, healthOnMetricsPort.StatusCode);
    }

    [Fact]
    public async Task Outside_development_prometheus_without_a_metrics_port_fails_start_up_with_one_clear_line()
    {
        var environment = ProductionEnvironment();
        environment["Telemetry__Prometheus__Enabled"] = "true";
        await using var host = HostProcess.Start(environment);

        var line = await host.StartupRefusalAsync(StartTimeout);
        Assert.StartsWith("PortalGrains cannot start: Telemetry:Prometheus:Enabled is true but Telemetry:MetricsPort is not set", line);
        Assert.Contains("Telemetry__MetricsPort", line);
    }

    [Fact]
    public async Task In_development_prometheus_without_a_metrics_port_answers_on_the_api_port()
    {
        var environment = ProductionEnvironment();
        environment["Telemetry__Prometheus__Enabled"] = "true";
        using var http = new HttpClient();
        await using var host = HostProcess.Start(environment, "Development");
        await host.WaitUntilHealthyAsync(http, StartTimeout);

        using var response = await http.GetAsync(new Uri(host.BaseAddress, "/metrics"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Dictionary<string, string> ProductionEnvironment()
    {
        var environment = HostProcess.MemorySiloEnvironment();
        environment["Portal__Auth__Authority"] = DevIdentityProvider.Shared.IssuerText;
        environment["Portal__Auth__Audience"] = "portal";
        environment["Portal__Auth__RequireHttpsMetadata"] = "false";
        return environment;
    }
}
