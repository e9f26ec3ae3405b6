namespace PortalGrains.Host.Telemetry;

/// <summary>
/// The <c>Telemetry:Prometheus</c> section. The scrape endpoint answers without authentication: outside Development
/// it is served only on <see cref="TelemetryOptions.MetricsPort"/>, a port the Service does not expose; in
/// Development without a metrics port it answers on the API's port.
/// </summary>
public sealed class PrometheusScrapeOptions
{
    public bool Enabled { get; set; }

    public string Path { get; set; } = "/metrics";
}
