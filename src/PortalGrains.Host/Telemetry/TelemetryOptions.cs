using OpenTelemetry.Exporter;

namespace PortalGrains.Host.Telemetry;

/// <summary>The <c>Telemetry</c> section: where traces, metrics and logs go.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary><c>service.name</c> of every span, metric and log record.</summary>
    public string ServiceName { get; set; } = "portalgrains";

    /// <summary>
    /// Base URL of an OpenTelemetry collector (e.g. http://otel-collector:4318); traces, metrics and logs are
    /// exported there when set. With HTTP/protobuf the signal paths (/v1/traces, /v1/metrics, /v1/logs) are appended.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.HttpProtobuf;

    /// <summary>Share of new traces recorded (a request that arrives with a sampled traceparent is always recorded).</summary>
    public double SamplingRatio { get; set; } = 1.0;

    public PrometheusScrapeOptions Prometheus { get; set; } = new();

    /// <summary>
    /// A port of its own for the Prometheus scrape endpoint (turns it on): served there on the API's interfaces, and
    /// nowhere else; every other path on it answers 404. Required outside Development when the scrape endpoint is on,
    /// so that /metrics never answers on the public HTTP port.
    /// </summary>
    public int? MetricsPort { get; set; }

    /// <summary>Whether the Prometheus scrape endpoint is served (on the metrics port when one is set).</summary>
    public bool PrometheusEnabled => Prometheus.Enabled || MetricsPort is not null;

    /// <summary>Console logs as one JSON object per line, with scopes (TraceId, SpanId, RequestId...).</summary>
    public bool JsonConsoleLogs { get; set; }
}
