using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PortalGrains.Abstractions.Common;
using PortalGrains.GraphQL.Auth;
using PortalGrains.GraphQL.Errors;
using PortalGrains.GraphQL.Hosting;
using PortalGrains.GraphQL.Schema;

namespace PortalGrains.GraphQL.Subscriptions;

/// <summary>
/// One graphql-transport-ws connection: <c>connection_init</c> (once, within <c>GraphQL:ConnectionInitTimeout</c>,
/// else 4408; twice 4429; without a valid login token 4403), <c>subscribe</c> (before the ack 4401, an id in use
/// 4409), <c>complete</c>, <c>ping</c>/<c>pong</c>; a malformed message closes with 4400. Every message leaves through
/// one queue, so sends never overlap; the token's expiry closes with 4403, the server's shutdown with 1001.
/// </summary>
internal sealed class GraphQLWebSocketConnection(
    WebSocket socket,
    HttpContext context,
    PortalAuthenticationOutcome? headerAuthentication,
    IDocumentExecuter<PortalSchema> executer,
    IGraphQLTextSerializer serializer,
    PortalRequestAuthenticator authenticator,
    SubscriptionConnectionLimiter limiter,
    TimeProvider clock,
    GraphQLHostingOptions options,
    ILogger logger)
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly Channel<Outgoing> _outgoing = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closed = new();
    private readonly ConcurrentBag<IDisposable> _timers = [];
    private PortalAuthenticationOutcome? _authentication;
    private IDisposable? _lease;
    private bool _initReceived;
    private volatile bool _acknowledged;

    public async Task RunAsync(CancellationToken stopping)
    {
        var sending = SendLoopAsync();
        _timers.Add(clock.CreateTimer(_ => { if (!_acknowledged) { Close(GraphQLWebSocketCloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout"); } },
            null, options.ConnectionInitTimeout, Timeout.InfiniteTimeSpan));
        _timers.Add(stopping.Register(() => Close(GraphQLWebSocketCloseCodes.GoingAway, "Server shutting down")));
        try
        {
            await ReceiveLoopAsync();
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            SubscriptionLog.ConnectionFailed(logger, e);
        }
        finally
        {
            await _closed.CancelAsync();
            foreach (var operation in _operations.Values)
            {
                operation.Dispose();
            }

            _operations.Clear();
            _lease?.Dispose();
            _outgoing.Writer.TryComplete();
            await sending;
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            if (socket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
            {
                socket.Abort();
            }

            _closed.Dispose();
        }
    }

    /// <summary>Queues the closing handshake; nothing is sent after it.</summary>
    public void Close(int code, string reason)
    {
        if (_outgoing.Writer.TryWrite(new Outgoing(null, code, reason)))
        {
            _outgoing.Writer.TryComplete();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        using var message = new MemoryStream();
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    Close(GraphQLWebSocketCloseCodes.NormalClosure, "");
                    return;
                }

                if (message.Length + received.Count > options.MaxRequestBytes)
                {
                    Close(GraphQLWebSocketCloseCodes.MessageTooBig, "Message too big");
                    message.SetLength(0);
                    continue;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                if (received.MessageType != WebSocketMessageType.Text || !await HandleAsync(text))
                {
                    Close(GraphQLWebSocketCloseCodes.BadRequest, "Invalid message received");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Handles one message; false when it is not a message of the protocol.</summary>
    private async Task<bool> HandleAsync(string text)
    {
        JsonElement message;
        try
        {
            using var document = JsonDocument.Parse(text);
            message = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return false;
        }

        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var payload = message.TryGetProperty("payload", out var p) ? p : default;
        var id = message.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        switch (type.GetString())
        {
            case "connection_init":
                await InitializeAsync(payload);
                return true;
            case "ping":
                Send("{\"type\":\"pong\"}");
                return true;
            case "pong":
                return true;
            case "subscribe" when !string.IsNullOrEmpty(id) && payload.ValueKind == JsonValueKind.Object:
                Subscribe(id, payload);
                return true;
            case "complete" when !string.IsNullOrEmpty(id):
                if (_operations.TryRemove(id, out var operation))
                {
                    operation.Dispose();
                }

                return true;
            default:
                return false;
        }
    }

    private async Task InitializeAsync(JsonElement payload)
    {
        if (_initReceived)
        {
            Close(GraphQLWebSocketCloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
            return;
        }

        _initReceived = true;
        var authentication = headerAuthentication;
        if (authentication?.User is null && AuthorizationOf(payload) is { } authorization)
        {
            // The same validation as a request's Authorization header. The upgrade request has been authenticated
            // already (without a header), and its handler keeps that answer: validate on a request of its own.
            using var scope = context.RequestServices.CreateScope();
            var request = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            request.Request.Headers.Authorization = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? authorization
                : "Bearer " + authorization;
            authentication = await authenticator.AuthenticateAsync(request);
        }

        if (authentication?.User is not { } user)
        {
            Close(GraphQLWebSocketCloseCodes.Forbidden, "Forbidden");
            return;
        }

        _lease = limiter.TryAcquire(user.Id);
        if (_lease is null)
        {
            SubscriptionLog.TooManyConnections(logger, user.Id, options.MaxConnectionsPerUser);
            Close(GraphQLWebSocketCloseCodes.PolicyViolation, "Too many connections");
            return;
        }

        _authentication = authentication;
        _acknowledged = true;
        Send("{\"type\":\"connection_ack\"}");
        _timers.Add(clock.CreateTimer(_ => Send("{\"type\":\"ping\"}"), null, options.KeepAliveInterval, options.KeepAliveInterval));
        var expiry = LoginTokenExpiry.Of(authentication.Principal);
        _timers.Add(clock.CreateTimer(_ => Close(GraphQLWebSocketCloseCodes.Forbidden, "Forbidden: the login token has expired"),
            null, LoginTokenExpiry.Remaining(expiry, clock), Timeout.InfiniteTimeSpan));
    }

    private static string? AuthorizationOf(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in new[] { "authorization", "Authorization" })
        {
            if (payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
            {
                return value.GetString();
            }
        }

        return null;
    }

    private void Subscribe(string id, JsonElement payload)
    {
        if (!_acknowledged || _authentication?.User is null)
        {
            Close(GraphQLWebSocketCloseCodes.Unauthorized, "Unauthorized");
            return;
        }

        GraphQLRequest? request;
        try
        {
            request = serializer.Deserialize<GraphQLRequest>(payload.GetRawText());
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            request = null;
        }

        if (request is null || string.IsNullOrWhiteSpace(request.Query))
        {
            Close(GraphQLWebSocketCloseCodes.BadRequest, "Invalid message received");
            return;
        }

        if (_operations.Count >= options.MaxSubscriptionsPerConnection)
        {
            SendErrors(id, SubscriptionOperation.Error(UserErrorCodes.LimitExceeded,
                $"A connection runs at most {options.MaxSubscriptionsPerConnection} subscriptions at a time."));
            return;
        }

        var operation = new Operation(_closed.Token);
        if (!_operations.TryAdd(id, operation))
        {
            operation.Dispose();
            Close(GraphQLWebSocketCloseCodes.SubscriberAlreadyExists, $"Subscriber for {id} already exists");
            return;
        }

        _ = RunAsync(id, request, operation, _authentication);
    }

    private async Task RunAsync(string id, GraphQLRequest request, Operation operation, PortalAuthenticationOutcome authentication)
    {
        try
        {
            var result = await SubscriptionOperation.ExecuteAsync(
                executer, request, authentication.User, authentication.Principal, context, operation.Token);
            if (SubscriptionOperation.StreamOf(result) is { } stream)
            {
                operation.Attach(stream.Subscribe(new ResultObserver(
                    next => { if (!operation.Token.IsCancellationRequested) { SendNext(id, next); } },
                    () => Finish(id, operation, complete: true),
                    error =>
                    {
                        SendErrors(id, SubscriptionOperation.Error(PortalErrorCodes.Internal, "The subscription failed."));
                        Finish(id, operation, complete: false);
                    })));
                return;
            }

            if (!result.Executed)
            {
                SendErrors(id, result);
                Finish(id, operation, complete: false);
                return;
            }

            SendNext(id, result);
            Finish(id, operation, complete: true);
        }
        catch (OperationCanceledException) when (operation.Token.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            SubscriptionLog.ConnectionFailed(logger, e);
            SendErrors(id, SubscriptionOperation.Error(PortalErrorCodes.Internal, "The operation failed."));
            Finish(id, operation, complete: false);
        }
    }

    private void Finish(string id, Operation operation, bool complete)
    {
        if (_operations.TryRemove(new KeyValuePair<string, Operation>(id, operation)))
        {
            if (complete)
            {
                Send($"{{\"id\":{JsonSerializer.Serialize(id)},\"type\":\"complete\"}}");
            }

            operation.Dispose();
        }
    }

    private void SendNext(string id, ExecutionResult result) =>
        Send($"{{\"id\":{JsonSerializer.Serialize(id)},\"type\":\"next\",\"payload\":{serializer.Serialize(result)}}}");

    private void SendErrors(string id, ExecutionResult result) =>
        Send($"{{\"id\":{JsonSerializer.Serialize(id)},\"type\":\"error\",\"payload\":{SubscriptionOperation.ErrorsOf(serializer.Serialize(result))}}}");

    private void Send(string message) => _outgoing.Writer.TryWrite(new Outgoing(message, 0, null));

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var outgoing in _outgoing.Reader.ReadAllAsync())
            {
                if (outgoing.Text is { } text)
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                    continue;
                }

                SubscriptionLog.ConnectionClosed(logger, outgoing.CloseCode, outgoing.Reason ?? "");
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync((WebSocketCloseStatus)outgoing.CloseCode, outgoing.Reason, CancellationToken.None);
                }

                // A client that never answers the close is cut off.
                _timers.Add(clock.CreateTimer(_ => socket.Abort(), null, CloseHandshakeTimeout, Timeout.InfiniteTimeSpan));
                return;
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            SubscriptionLog.ConnectionFailed(logger, e);
            socket.Abort();
        }
    }

    private sealed record Outgoing(string? Text, int CloseCode, string? Reason);

    /// <summary>One running operation: its cancellation and, for a subscription, the subscription to its stream.</summary>
    private sealed class Operation(CancellationToken connection) : IDisposable
    {
        private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(connection);
        private IDisposable? _subscription;
        private int _disposed;

        public CancellationToken Token => _stop.Token;

        public void Attach(IDisposable subscription)
        {
            _subscription = subscription;
            if (Volatile.Read(ref _disposed) == 1)
            {
                subscription.Dispose();
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _stop.Cancel();
                _subscription?.Dispose();
                _stop.Dispose();
            }
        }
    }
}
