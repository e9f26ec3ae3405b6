using System.Collections.Concurrent;
using System.Net;
using PortalGrains.Testing;

namespace PortalGrains.Operations.Tests.Otlp;

/// <summary>
/// A minimal OTLP/HTTP collector (opentelemetry.io/docs/specs/otlp/#otlphttp): accepts binary protobuf export requests
/// on /v1/traces, /v1/logs and /v1/metrics, answers 200 with an empty response message, and keeps what it decoded.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentQueue<ReceivedLogRecord> _logs = new();
    private readonly LoopbackHttpServer _server;
    private int _metricExports;

    private OtlpReceiver()
    {
        _server = LoopbackHttpServer.Start(ReceiveAsync);
        Endpoint = new Uri(_server.BaseUrl);
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    public IReadOnlyList<ReceivedLogRecord> Logs => [.. _logs];

    public int MetricExports => Volatile.Read(ref _metricExports);

    public static OtlpReceiver Start() => new();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task ReceiveAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var bytes = body.ToArray();
        var path = context.Request.Url?.AbsolutePath ?? "";
        var status = 200;
        try
        {
            switch (path)
            {
                case "/v1/traces":
                    foreach (var span in OtlpDecoder.Spans(bytes)) { _spans.Enqueue(span); }
                    break;
                case "/v1/logs":
                    foreach (var record in OtlpDecoder.LogRecords(bytes)) { _logs.Enqueue(record); }
                    break;
                case "/v1/metrics":
                    Interlocked.Increment(ref _metricExports);
                    break;
                default:
                    status = 404;
                    break;
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            status = 400;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-protobuf";
        context.Response.ContentLength64 = 0;
        context.Response.Close();
    }
}
