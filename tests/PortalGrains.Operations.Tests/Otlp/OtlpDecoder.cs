namespace PortalGrains.Operations.Tests.Otlp;

/// <summary>
/// Decodes OTLP export requests (opentelemetry/proto/collector/{trace,logs}/v1): only the fields the tests look at,
/// every other field skipped by its wire type.
/// </summary>
public static class OtlpDecoder
{
    public static IReadOnlyList<ReceivedSpan> Spans(ReadOnlyMemory<byte> exportTraceServiceRequest)
    {
        var spans = new List<ReceivedSpan>();
        // ExportTraceServiceRequest.resource_spans = 1 -> ResourceSpans.scope_spans = 2 -> ScopeSpans { scope = 1, spans = 2 }
        foreach (var resourceSpans in Repeated(new ProtobufReader(exportTraceServiceRequest), 1))
        {
            foreach (var scopeSpans in Repeated(resourceSpans, 2))
            {
                var scope = "";
                foreach (var (field, message) in Fields(scopeSpans))
                {
                    if (field == 1)
                    {
                        scope = ScopeName(message);
                    }
                    else if (field == 2)
                    {
                        spans.Add(Span(scope, message));
                    }
                }
            }
        }

        return spans;
    }

    public static IReadOnlyList<ReceivedLogRecord> LogRecords(ReadOnlyMemory<byte> exportLogsServiceRequest)
    {
        var records = new List<ReceivedLogRecord>();
        // ExportLogsServiceRequest.resource_logs = 1 -> ResourceLogs.scope_logs = 2 -> ScopeLogs { scope = 1, log_records = 2 }
        foreach (var resourceLogs in Repeated(new ProtobufReader(exportLogsServiceRequest), 1))
        {
            foreach (var scopeLogs in Repeated(resourceLogs, 2))
            {
                var scope = "";
                foreach (var (field, message) in Fields(scopeLogs))
                {
                    if (field == 1)
                    {
                        scope = ScopeName(message);
                    }
                    else if (field == 2)
                    {
                        records.Add(LogRecord(scope, message));
                    }
                }
            }
        }

        return records;
    }

    private static ReceivedSpan Span(string scope, ProtobufReader span)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var kind = 0;
        var attributes = new Dictionary<string, string>();
        while (span.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(span.ReadBytes().Span); break;
                case 2: spanId = Convert.ToHexStringLower(span.ReadBytes().Span); break;
                case 4: parent = Convert.ToHexStringLower(span.ReadBytes().Span); break;
                case 5: name = span.ReadString(); break;
                case 6: kind = (int)span.ReadVarint(); break;
                case 9:
                    var (key, value) = KeyValue(span.ReadMessage());
                    attributes[key] = value;
                    break;
                default: span.Skip(wireType); break;
            }
        }

        return new ReceivedSpan(scope, traceId, spanId, parent, name, kind, attributes);
    }

    private static ReceivedLogRecord LogRecord(string scope, ProtobufReader record)
    {
        string traceId = "", spanId = "", severity = "", body = "";
        while (record.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 3: severity = record.ReadString(); break;
                case 5: body = AnyValue(record.ReadMessage()); break;
                case 9: traceId = Convert.ToHexStringLower(record.ReadBytes().Span); break;
                case 10: spanId = Convert.ToHexStringLower(record.ReadBytes().Span); break;
                default: record.Skip(wireType); break;
            }
        }

        return new ReceivedLogRecord(scope, traceId, spanId, severity, body);
    }

    // InstrumentationScope { name = 1, version = 2 }
    private static string ScopeName(ProtobufReader scope)
    {
        while (scope.TryReadTag(out var field, out var wireType))
        {
            if (field == 1)
            {
                return scope.ReadString();
            }

            scope.Skip(wireType);
        }

        return "";
    }

    // KeyValue { key = 1, value = 2 }
    private static (string Key, string Value) KeyValue(ProtobufReader keyValue)
    {
        string key = "", value = "";
        while (keyValue.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1: key = keyValue.ReadString(); break;
                case 2: value = AnyValue(keyValue.ReadMessage()); break;
                default: keyValue.Skip(wireType); break;
            }
        }

        return (key, value);
    }

    // AnyValue { string_value = 1, bool_value = 2, int_value = 3, double_value = 4, ... }
    private static string AnyValue(ProtobufReader value)
    {
        var text = "";
        while (value.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1: text = value.ReadString(); break;
                case 2: text = value.ReadVarint() != 0 ? "true" : "false"; break;
                case 3: text = ((long)value.ReadVarint()).ToString(System.Globalization.CultureInfo.InvariantCulture); break;
                case 4: text = BitConverter.UInt64BitsToDouble(value.ReadFixed64()).ToString(System.Globalization.CultureInfo.InvariantCulture); break;
                default: value.Skip(wireType); break;
            }
        }

        return text;
    }

    private static IEnumerable<ProtobufReader> Repeated(ProtobufReader message, int wantedField) =>
        Fields(message).Where(f => f.Field == wantedField).Select(f => f.Message);

    /// <summary>The length-delimited fields of a message, other wire types skipped.</summary>
    private static IEnumerable<(int Field, ProtobufReader Message)> Fields(ProtobufReader message)
    {
        var fields = new List<(int, ProtobufReader)>();
        while (message.TryReadTag(out var field, out var wireType))
        {
            if (wireType == ProtobufReader.LengthDelimited)
            {
                fields.Add((field, message.ReadMessage()));
            }
            else
            {
                message.Skip(wireType);
            }
        }

        return fields;
    }
}
