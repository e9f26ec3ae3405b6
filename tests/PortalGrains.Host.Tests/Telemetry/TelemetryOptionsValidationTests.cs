using PortalGrains.Host.Telemetry;

namespace PortalGrains.Host.Tests.Telemetry;

public sealed class TelemetryOptionsValidationTests
{
    [Theory]
    [InlineData(false, true, null, "Telemetry:Prometheus:Enabled is true but Telemetry:MetricsPort is not set")]
    [InlineData(true, true, null, null)]
    [InlineData(false, false, null, null)]
    [InlineData(false, false, 9464, null)]
    [InlineData(false, true, 5080, "Telemetry:MetricsPort 5080 is the API's HTTP port")]
    [InlineData(true, false, 70000, "Telemetry:MetricsPort must be between 1 and 65535")]
    public void The_scrape_endpoint_needs_a_port_of_its_own_outside_development(bool isDevelopment, bool enabled, int? metricsPort, string? failure)
    {
        var options = new TelemetryOptions { MetricsPort = metricsPort, Prometheus = { Enabled = enabled } };

        var result = new TelemetryOptionsValidation(isDevelopment, [5080]).Validate(null, options);

        if (failure is null)
        {
            Assert.True(result.Succeeded, result.FailureMessage);
        }
        else
        {
            Assert.StartsWith(failure, Assert.Single(result.Failures!));
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080;http://127.0.0.1:9464")]
    [InlineData("http://+:8080", "http://+:8080;http://+:9464")]
    [InlineData("https://[::1]:443;http://[::1]:80", "https://[::1]:443;http://[::1]:80;http://[::1]:9464")]
    public void The_metrics_port_listens_on_the_interfaces_of_the_api_over_plain_http(string urls, string expected)
    {
        Assert.Equal(expected, MetricsEndpoint.WithMetricsPort(urls.Split(';'), 9464));
    }
}
