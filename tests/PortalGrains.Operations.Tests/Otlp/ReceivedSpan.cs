namespace PortalGrains.Operations.Tests.Otlp;

/// <summary>A span as an OTLP exporter sent it (opentelemetry/proto/trace/v1/trace.proto), ids in lower-case hex.</summary>
public sealed record ReceivedSpan(
    string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes)
{
    public const int KindServer = 2;
    public const int KindClient = 3;

    public override string ToString() =>
        $"[{Scope}] {Name} kind={Kind} trace={TraceId} span={SpanId} parent={ParentSpanId} " +
        string.Join(' ', Attributes.Select(a => $"{a.Key}={a.Value}"));
}
