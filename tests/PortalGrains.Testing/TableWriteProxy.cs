using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PortalGrains.Testing;

/// <summary>
/// A loopback HTTP proxy in front of an Azure Table endpoint that records every write request passing through it
/// (POST, PUT, PATCH, MERGE, DELETE; an entity group transaction as one request with its operations) and forwards
/// everything unchanged. The portal is given <see cref="ConnectionString"/>; the Shared Key signature covers the path
/// and not the host, so requests signed for the proxy are valid at the endpoint behind it.
/// <see cref="BeforeWrite"/> can hold a write (to kill the writer while it waits) and refuse it.
/// </summary>
public sealed partial class TableWriteProxy : IAsyncDisposable
{
    private static readonly HashSet<string> WriteMethods = new(["POST", "PUT", "PATCH", "MERGE", "DELETE"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> HopHeaders = new(
        ["Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Expect", "Proxy-Connection", "Upgrade"],
        StringComparer.OrdinalIgnoreCase);

    private readonly LoopbackHttpServer _server;
    private readonly HttpClient _forward;
    private readonly Uri _target;
    private readonly ConcurrentQueue<TableWrite> _writes = new();
    private int _numbered;

    private TableWriteProxy(string targetConnectionString)
    {
        var endpoint = Setting(targetConnectionString, "TableEndpoint")
            ?? throw new ArgumentException("The connection string names no TableEndpoint.", nameof(targetConnectionString));
        _target = new Uri(endpoint);
        _server = LoopbackHttpServer.Start(HandleAsync);
        var port = new Uri(_server.BaseUrl).Port;
        var proxied = new UriBuilder(_target) { Host = "127.0.0.1", Port = port, Scheme = "http" }.Uri.ToString().TrimEnd('/');
        ConnectionString = string.Join(';', targetConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.StartsWith("TableEndpoint=", StringComparison.OrdinalIgnoreCase) ? "TableEndpoint=" + proxied
                : part.StartsWith("DefaultEndpointsProtocol=", StringComparison.OrdinalIgnoreCase) ? "DefaultEndpointsProtocol=http" : part)) + ";";
        _forward = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = 256,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        { Timeout = TimeSpan.FromSeconds(100) };
    }

    /// <summary>The target's connection string with the proxy as its table endpoint.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Called with each write and its number (1 for the first since the proxy started) before it is forwarded; false
    /// refuses it (the connection is closed without an answer, as if the storage were unreachable).
    /// </summary>
    public Func<TableWrite, int, Task<bool>>? BeforeWrite { get; set; }

    /// <summary>How many writes were recorded so far: a mark for <see cref="WritesSince"/>.</summary>
    public int Count => _writes.Count;

    /// <summary>Starts a proxy in front of the table endpoint of <paramref name="targetConnectionString"/>.</summary>
    public static TableWriteProxy Start(string targetConnectionString) => new(targetConnectionString);

    /// <summary>The writes recorded after the first <paramref name="mark"/> ones, in the order they arrived.</summary>
    public IReadOnlyList<TableWrite> WritesSince(int mark) => _writes.Skip(mark).ToList();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _forward.Dispose();
    }

    private static string? Setting(string connectionString, string name) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .FirstOrDefault(p => p.Length == 2 && p[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))?[1];

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            var request = context.Request;
            using var body = new MemoryStream();
            await request.InputStream.CopyToAsync(body);
            var content = body.ToArray();
            if (WriteMethods.Contains(request.HttpMethod))
            {
                var write = Describe(request.HttpMethod, request.Url!.AbsolutePath, content);
                _writes.Enqueue(write);
                var number = Interlocked.Increment(ref _numbered);
                if (BeforeWrite is { } before && !await before(write, number))
                {
                    context.Response.Abort();
                    return;
                }
            }

            await ForwardAsync(context, content);
        }
        catch (Exception e) when (e is HttpRequestException or HttpListenerException or IOException or ObjectDisposedException
            or InvalidOperationException or SocketException or TaskCanceledException)
        {
            try
            {
                context.Response.Abort();
            }
            catch (Exception closing) when (closing is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // the client is gone
            }
        }
    }

    private async Task ForwardAsync(HttpListenerContext context, byte[] content)
    {
        var request = context.Request;
        using var outgoing = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(_target, request.Url!.PathAndQuery));
        if (content.Length > 0 || request.HttpMethod is not ("GET" or "HEAD" or "DELETE"))
        {
            outgoing.Content = new ByteArrayContent(content);
        }

        foreach (var name in request.Headers.AllKeys.OfType<string>().Where(n => !HopHeaders.Contains(n)))
        {
            var value = request.Headers[name]!;
            if (!outgoing.Headers.TryAddWithoutValidation(name, value))
            {
                outgoing.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var answer = await _forward.SendAsync(outgoing, HttpCompletionOption.ResponseContentRead);
        var response = context.Response;
        response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers).Where(h => !HopHeaders.Contains(h.Key)))
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                response.ContentType = string.Join(", ", values);
            }
            else
            {
                response.Headers[name] = string.Join(", ", values);
            }
        }

        var bytes = await answer.Content.ReadAsByteArrayAsync();
        response.ContentLength64 = bytes.Length;
        if (bytes.Length > 0)
        {
            await response.OutputStream.WriteAsync(bytes);
        }

        response.Close();
    }

    private static TableWrite Describe(string method, string path, byte[] content)
    {
        var resource = Uri.UnescapeDataString(path.TrimEnd('/'));
        resource = resource[(resource.LastIndexOf('/') + 1)..];
        if (resource.Equals("$batch", StringComparison.OrdinalIgnoreCase))
        {
            var text = Encoding.UTF8.GetString(content);
            var operations = BatchOperation().Matches(text);
            if (operations.Count == 0)
            {
                return new TableWrite(method, "$batch", "", "", 0);
            }

            var first = Describe(operations[0].Groups["method"].Value, new Uri(operations[0].Groups["url"].Value).AbsolutePath,
                Encoding.UTF8.GetBytes(EntityBody(text, operations[0].Index)));
            return first with { Method = "$batch", Operations = operations.Count };
        }

        var open = resource.IndexOf('(');
        var table = open < 0 ? resource : resource[..open];
        if (open >= 0 && KeysInPath().Match(resource) is { Success: true } keys)
        {
            return new TableWrite(method, table, keys.Groups["pk"].Value.Replace("''", "'"), keys.Groups["rk"].Value.Replace("''", "'"), 1);
        }

        return new TableWrite(method, table, Property(content, "PartitionKey"), Property(content, "RowKey"), 1);
    }

    private static string EntityBody(string batch, int from)
    {
        var start = batch.IndexOf('{', from);
        var end = start < 0 ? -1 : batch.IndexOf("\n--", start, StringComparison.Ordinal);
        return start < 0 ? "" : end < 0 ? batch[start..] : batch[start..end];
    }

    private static string Property(byte[] json, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
                ? value.GetString() ?? ""
                : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    [GeneratedRegex(@"^(?<method>POST|PUT|PATCH|MERGE|DELETE) (?<url>https?://\S+) HTTP/1\.1", RegexOptions.Multiline)]
    private static partial Regex BatchOperation();

    [GeneratedRegex(@"PartitionKey='(?<pk>(?:[^']|'')*)',\s*RowKey='(?<rk>(?:[^']|'')*)'")]
    private static partial Regex KeysInPath();
}
