namespace PortalGrains.Host.Telemetry;

/// <summary>
/// The <c>Telemetry:Prometheus</c> section. The scrape endpoint answers without authentication, on the API's port:
/// enable it where only the monitoring network reaches that path, or block the path at the edge.
/// </summary>
public sealed class PrometheusScrapeOptions
{
    public bool Enabled { get; set; }

    public string Path { get; set; } = "/metrics";
}
