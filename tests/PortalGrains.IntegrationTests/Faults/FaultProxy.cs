using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Faults;

/// <summary>
/// An HTTP/1.1 reverse proxy on a loopback port in front of an own dev IdP, injecting faults by <see cref="FaultRule"/>:
/// server errors, held answers, malformed JSON, a foreign issuer in discovery, answers lost after the IdP acted, and
/// refused connections while it is <see cref="StopListening">stopped</see>. The Host header is passed on unchanged,
/// so an IdP started with ISSUER set to <see cref="BaseUrl"/> names the proxy in every URL it derives (discovery
/// endpoints, registration_client_uri) and the portal reaches the IdP only through here. Every exchange is recorded with
/// when it started and ended and, for registration-endpoint calls, the client it concerns, so that tests can see which
/// calls were in flight at the IdP at the same time.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;

    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Host", "Proxy-Connection", "TE", "Trailer", "Upgrade",
    };

    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private readonly List<ExchangeSlot> _exchanges = [];
    private readonly HashSet<TcpClient> _connections = [];
    private readonly Random _random;

    // Exchange times come from a monotonic clock (anchored at the wall clock once), so that the order of starts and
    // ends of overlapping exchanges is exact even if the wall clock is adjusted meanwhile.
    private readonly DateTimeOffset _clockOrigin = DateTimeOffset.UtcNow;
    private readonly long _clockStart = Stopwatch.GetTimestamp();
    private readonly HttpClient _upstream = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    private TcpListener? _listener;
    private CancellationTokenSource? _listening;
    private Uri? _target;

    private FaultProxy(int port, int seed)
    {
        Port = port;
        _random = new Random(seed);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string WellKnownUrl => BaseUrl + "/.well-known/openid-configuration";

    /// <summary>The IdP requests are forwarded to; requests that arrive before it is set are answered 502.</summary>
    public Uri? Target
    {
        get => Volatile.Read(ref _target);
        set => Volatile.Write(ref _target, value);
    }

    /// <summary>
    /// Every request received so far, in the order the proxy decided on them; an exchange whose answer is still being
    /// written has no <see cref="ProxiedExchange.Ended"/> yet.
    /// </summary>
    public IReadOnlyList<ProxiedExchange> Exchanges
    {
        get { lock (_gate) { return [.. _exchanges.Select(e => e.Exchange)]; } }
    }

    /// <summary>Starts a proxy on a free loopback port; <paramref name="seed"/> makes its probabilistic faults repeatable.</summary>
    public static FaultProxy Start(int seed)
    {
        var proxy = new FaultProxy(FreePort.Next(), seed);
        proxy.StartListening();
        return proxy;
    }

    public FaultRule Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }

        return rule;
    }

    public void ClearRules()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>
    /// The IdP goes down: the port stops listening (connections are refused) and every open connection is closed,
    /// so pooled keep-alive connections of the portal break too.
    /// </summary>
    public void StopListening()
    {
        TcpClient[] open;
        lock (_gate)
        {
            _listening?.Cancel();
            _listener?.Stop();
            _listener = null;
            open = [.. _connections];
            _connections.Clear();
        }

        foreach (var connection in open)
        {
            connection.Dispose();
        }
    }

    /// <summary>Listens (again) on <see cref="Port"/>.</summary>
    public void StartListening()
    {
        lock (_gate)
        {
            if (_listener is not null)
            {
                return;
            }

            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _listening = new CancellationTokenSource();
            _ = AcceptAsync(listener, _listening.Token);
        }
    }

    public ValueTask DisposeAsync()
    {
        StopListening();
        _upstream.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient connection;
            try
            {
                connection = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_gate)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    connection.Dispose();
                    return;
                }

                _connections.Add(connection);
            }

            _ = ServeAsync(connection, cancellationToken);
        }
    }

    private async Task ServeAsync(TcpClient connection, CancellationToken cancellationToken)
    {
        try
        {
            var stream = connection.GetStream();
            var reader = new RequestReader(stream, Now);
            while (await reader.ReadRequestAsync(cancellationToken) is { } request)
            {
                if (!await HandleAsync(request, stream, connection, cancellationToken))
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException
                                   or InvalidDataException or HttpRequestException)
        {
            // The connection broke or was closed by a fault, or the proxy stopped.
        }
        finally
        {
            lock (_gate)
            {
                _connections.Remove(connection);
            }

            connection.Dispose();
        }
    }

    /// <returns>Whether the connection stays open for another request.</returns>
    private async Task<bool> HandleAsync(ProxyRequest request, NetworkStream stream, TcpClient connection, CancellationToken cancellationToken)
    {
        var path = request.Target.Split('?', 2)[0];
        FaultRule? fault;
        int status = 0;
        lock (_gate)
        {
            fault = _rules.FirstOrDefault(r => r.Matches(request.Method, path) && r.TryHit(_random));
            if (fault is { Kind: FaultKind.ServerError })
            {
                status = fault.Statuses[_random.Next(fault.Statuses.Count)];
            }
        }

        if (fault is { Kind: FaultKind.ServerError })
        {
            var injected = Record(request, path, fault.Kind, forwarded: false, status, upstreamStatus: null);
            var body = Encoding.UTF8.GetBytes("""{"error":"temporarily_unavailable","error_description":"injected fault"}""");
            await AnswerAsync(injected, stream, status, "Injected Fault", [new("Content-Type", "application/json")], body, request.KeepAlive, cancellationToken);
            return request.KeepAlive;
        }

        if (Target is not { } target)
        {
            var unrouted = Record(request, path, fault?.Kind, forwarded: false, 502, upstreamStatus: null);
            await AnswerAsync(unrouted, stream, 502, "Bad Gateway", [], [], keepAlive: false, cancellationToken);
            return false;
        }

        int upstreamStatus;
        string reason;
        List<KeyValuePair<string, string>> headers;
        byte[] answer;
        try
        {
            (upstreamStatus, reason, headers, answer) = await ForwardAsync(target, request, cancellationToken);
        }
        catch (HttpRequestException)
        {
            var unreachable = Record(request, path, fault?.Kind, forwarded: false, 502, upstreamStatus: null);
            await AnswerAsync(unreachable, stream, 502, "Bad Gateway", [], [], keepAlive: false, cancellationToken);
            return false;
        }

        var upstreamAnswer = answer;
        switch (fault?.Kind)
        {
            case FaultKind.DropResponse:
                var dropped = Record(request, path, fault.Kind, forwarded: true, status: null, upstreamStatus, upstreamAnswer);
                // Reset, not a graceful close: the caller sees the connection die with nothing of the answer.
                connection.Client.LingerState = new LingerOption(true, 0);
                connection.Dispose();
                Complete(dropped);
                return false;
            case FaultKind.DelayResponse:
                // The latency spike is the fault itself, not a wait for something.
                await Task.Delay(fault.Delay, cancellationToken);
                break;
            case FaultKind.MalformedJson:
                answer = answer[..(answer.Length / 2)];
                break;
            case FaultKind.MismatchedIssuer:
                answer = WithIssuer(answer, fault.Issuer ?? BaseUrl + "/another-issuer");
                break;
        }

        var relayed = Record(request, path, fault?.Kind, forwarded: true, upstreamStatus, upstreamStatus, upstreamAnswer);
        await AnswerAsync(relayed, stream, upstreamStatus, reason, headers, answer, request.KeepAlive, cancellationToken);
        return request.KeepAlive;
    }

    /// <summary>Writes the answer; the exchange ends once it is written or the connection broke while writing it.</summary>
    private async Task AnswerAsync(
        ExchangeSlot slot, NetworkStream stream, int status, string reason, IEnumerable<KeyValuePair<string, string>> headers,
        byte[] body, bool keepAlive, CancellationToken cancellationToken)
    {
        try
        {
            await WriteResponseAsync(stream, status, reason, headers, body, keepAlive, cancellationToken);
        }
        finally
        {
            Complete(slot);
        }
    }

    private async Task<(int Status, string Reason, List<KeyValuePair<string, string>> Headers, byte[] Body)> ForwardAsync(
        Uri target, ProxyRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(target, request.Target));
        if (request.Body.Length > 0 || request.Method is "POST" or "PUT" or "PATCH")
        {
            message.Content = new ByteArrayContent(request.Body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (HopByHopHeaders.Contains(name))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.Host = request.Host;
        using var response = await _upstream.SendAsync(message, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => !HopByHopHeaders.Contains(h.Key))
            .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v)))
            .ToList();
        return ((int)response.StatusCode, response.ReasonPhrase ?? "", headers, body);
    }

    private static byte[] WithIssuer(byte[] body, string issuer)
    {
        var document = JsonNode.Parse(body)!.AsObject();
        document["issuer"] = issuer;
        return Encoding.UTF8.GetBytes(document.ToJsonString());
    }

    private static async Task WriteResponseAsync(
        NetworkStream stream, int status, string reason, IEnumerable<KeyValuePair<string, string>> headers, byte[] body,
        bool keepAlive, CancellationToken cancellationToken)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {reason}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
            .Append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n")
            .Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <param name="upstreamAnswer">The IdP's answer as it sent it, when the request was forwarded.</param>
    private ExchangeSlot Record(
        ProxyRequest request, string path, FaultKind? fault, bool forwarded, int? status, int? upstreamStatus, byte[]? upstreamAnswer = null)
    {
        string? clientId = null;
        string? clientName = null;
        if (DevIdpRegistrationRoutes.IsRegistrationCall(request.Method, path))
        {
            clientId = DevIdpRegistrationRoutes.ClientIdInPath(path)
                ?? (upstreamAnswer is null ? null : JsonStringProperty(upstreamAnswer, "client_id"));
            clientName = request.Method is "POST" or "PUT" ? JsonStringProperty(request.Body, "client_name") : null;
        }

        var slot = new ExchangeSlot(new ProxiedExchange(
            Now(), request.Method, path, fault, forwarded, status, upstreamStatus, request.Arrived, Ended: null, clientId, clientName));
        lock (_gate)
        {
            _exchanges.Add(slot);
        }

        return slot;
    }

    private void Complete(ExchangeSlot slot)
    {
        var ended = Now();
        lock (_gate)
        {
            slot.Exchange = slot.Exchange with { Ended = ended };
        }
    }

    private DateTimeOffset Now() => _clockOrigin + Stopwatch.GetElapsedTime(_clockStart);

    /// <summary>One string member of a JSON object body; null when the body is not such an object or lacks it.</summary>
    private static string? JsonStringProperty(byte[] body, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty(name, out var value)
                   && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A recorded exchange, replaced under the proxy's lock when it ends.</summary>
    private sealed class ExchangeSlot(ProxiedExchange exchange)
    {
        public ProxiedExchange Exchange { get; set; } = exchange;
    }

    private sealed record ProxyRequest(
        string Method, string Target, string Host, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, bool KeepAlive,
        DateTimeOffset Arrived);

    /// <summary>Reads HTTP/1.1 requests (Content-Length or chunked bodies) from one connection.</summary>
    private sealed class RequestReader(Stream stream, Func<DateTimeOffset> clock)
    {
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        /// <returns>The next request, or null when the caller closed the connection between requests.</returns>
        public async Task<ProxyRequest?> ReadRequestAsync(CancellationToken cancellationToken)
        {
            var requestLine = await ReadLineAsync(cancellationToken, endOfStreamAllowed: true);
            if (requestLine is null)
            {
                return null;
            }

            var arrived = clock();

            var parts = requestLine.Split(' ');
            if (parts.Length != 3)
            {
                throw new InvalidDataException("bad request line: " + requestLine);
            }

            var headers = new List<KeyValuePair<string, string>>();
            var headerBytes = 0;
            while (await ReadLineAsync(cancellationToken) is { Length: > 0 } line)
            {
                headerBytes += line.Length;
                if (headerBytes > MaxHeaderBytes)
                {
                    throw new InvalidDataException("headers too large");
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }

            string? Header(string name) => headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

            byte[] body;
            if (Header("Transfer-Encoding") is { } encoding && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                body = await ReadChunkedAsync(cancellationToken);
            }
            else
            {
                var length = int.Parse(Header("Content-Length") ?? "0", CultureInfo.InvariantCulture);
                body = await ReadExactlyAsync(length, cancellationToken);
            }

            var keepAlive = !string.Equals(Header("Connection"), "close", StringComparison.OrdinalIgnoreCase);
            return new ProxyRequest(parts[0], parts[1], Header("Host") ?? "", headers, body, keepAlive, arrived);
        }

        private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
        {
            using var body = new MemoryStream();
            while (true)
            {
                var sizeLine = await ReadLineAsync(cancellationToken) ?? throw new InvalidDataException("chunk size expected");
                var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    while (await ReadLineAsync(cancellationToken) is { Length: > 0 })
                    {
                        // trailers are dropped
                    }

                    return body.ToArray();
                }

                body.Write(await ReadExactlyAsync(size, cancellationToken));
                await ReadLineAsync(cancellationToken);
            }
        }

        private async Task<byte[]> ReadExactlyAsync(int length, CancellationToken cancellationToken)
        {
            var result = new byte[length];
            var copied = 0;
            while (copied < length)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    throw new InvalidDataException("the body ended early");
                }

                var take = Math.Min(length - copied, _end - _start);
                Array.Copy(_buffer, _start, result, copied, take);
                _start += take;
                copied += take;
            }

            return result;
        }

        private async Task<string?> ReadLineAsync(CancellationToken cancellationToken, bool endOfStreamAllowed = false)
        {
            var line = new StringBuilder();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    return endOfStreamAllowed && line.Length == 0 ? null : throw new InvalidDataException("the request ended early");
                }

                var b = (char)_buffer[_start++];
                if (b == '\n')
                {
                    return line.ToString().TrimEnd('\r');
                }

                if (line.Length > MaxHeaderBytes)
                {
                    throw new InvalidDataException("line too long");
                }

                line.Append(b);
            }
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancellationToken);
            return _end > 0;
        }
    }
}
