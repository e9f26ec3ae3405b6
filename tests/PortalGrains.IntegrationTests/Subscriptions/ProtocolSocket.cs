using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace PortalGrains.IntegrationTests.Subscriptions;

/// <summary>A graphql-transport-ws connection driven message by message, for what a well-behaved client never does.</summary>
public sealed class ProtocolSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    public static async Task<ProtocolSocket> ConnectAsync(Uri portal, string? headerToken = null)
    {
        var connection = new ProtocolSocket();
        connection._socket.Options.AddSubProtocol("graphql-transport-ws");
        if (headerToken is not null)
        {
            connection._socket.Options.SetRequestHeader("Authorization", "Bearer " + headerToken);
        }

        var uri = new UriBuilder(new Uri(portal, "/graphql")) { Scheme = "ws" }.Uri;
        await connection._socket.ConnectAsync(uri, CancellationToken.None);
        return connection;
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public Task SendAsync(object message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message)), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task InitAsync(string? token = null) =>
        SendAsync(token is null ? new { type = "connection_init" } : new { type = "connection_init", payload = new { authorization = "Bearer " + token } });

    public Task SubscribeAsync(string id, string query) => SendAsync(new { id, type = "subscribe", payload = new { query } });

    /// <summary>The next message, or null once the server has closed (its code in <see cref="CloseStatus"/>).</summary>
    public async Task<JsonElement?> ReceiveAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var received = await _socket.ReceiveAsync(buffer, cancel.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            }
        }
    }

    /// <summary>Reads messages until the server closes; returns its close code.</summary>
    public async Task<int> ClosedWithAsync(TimeSpan timeout)
    {
        var waiting = Stopwatch.StartNew();
        while (await ReceiveAsync(timeout - waiting.Elapsed) is not null)
        {
        }

        return (int)_socket.CloseStatus!.Value;
    }

    /// <summary>The next message that is not a keep-alive ping.</summary>
    public async Task<JsonElement> NextMessageAsync(TimeSpan timeout)
    {
        while (true)
        {
            var message = await ReceiveAsync(timeout) ?? throw new InvalidOperationException($"closed with {_socket.CloseStatus} {_socket.CloseStatusDescription}");
            if (message.GetProperty("type").GetString() != "ping")
            {
                return message;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        await Task.CompletedTask;
    }
}
