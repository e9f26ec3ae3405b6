namespace PortalGrains.Operations.Tests.Otlp;

/// <summary>A log record as an OTLP exporter sent it (opentelemetry/proto/logs/v1/logs.proto); Scope is the logger category.</summary>
public sealed record ReceivedLogRecord(string Scope, string TraceId, string SpanId, string Severity, string Body)
{
    public override string ToString() => $"[{Scope}] {Severity} trace={TraceId} span={SpanId} {Body}";
}
