using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using PortalGrains.IntegrationTests.Security;

namespace PortalGrains.IntegrationTests.Subscriptions;

/// <summary>
/// The graphql-transport-ws protocol's rules, its close codes, the subscription limits, keep-alives and login tokens
/// that expire while connected, on both transports.
/// </summary>
public sealed class SubscriptionProtocolTests(SubscriptionLimitsHost fixture) : IClassFixture<SubscriptionLimitsHost>
{
    private const string Everything = "subscription { accessRequestChanged { id status } }";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private Uri Portal => fixture.Host.BaseAddress;

    [Fact]
    public async Task A_connection_that_sends_no_connection_init_is_closed_with_4408_after_the_init_timeout()
    {
        await using var socket = await ProtocolSocket.ConnectAsync(Portal);
        Assert.Equal(4408, await socket.ClosedWithAsync(Wait));
    }

    [Fact]
    public async Task Connection_init_without_a_token_or_with_a_token_that_is_not_valid_is_closed_with_4403()
    {
        await using var anonymous = await ProtocolSocket.ConnectAsync(Portal);
        await anonymous.InitAsync();
        Assert.Equal(4403, await anonymous.ClosedWithAsync(Wait));

        var forged = DevIdpSigningKey.Resign(await fixture.DeveloperTokenAsync(), p => p["aud"] = "another-api");
        await using var invalid = await ProtocolSocket.ConnectAsync(Portal);
        await invalid.InitAsync(forged);
        Assert.Equal(4403, await invalid.ClosedWithAsync(Wait));
    }

    [Fact]
    public async Task An_upgrade_request_with_an_authorization_header_that_is_not_valid_is_refused_with_401()
    {
        var forged = DevIdpSigningKey.Resign(await fixture.DeveloperTokenAsync(), p => p["iss"] = "https://evil.example");
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        socket.Options.SetRequestHeader("Authorization", "Bearer " + forged);
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() =>
            socket.ConnectAsync(new UriBuilder(new Uri(Portal, "/graphql")) { Scheme = "ws" }.Uri, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Subscribe_before_the_ack_is_closed_with_4401_a_second_init_with_4429_and_a_repeated_id_with_4409()
    {
        await using var early = await ProtocolSocket.ConnectAsync(Portal);
        await early.SubscribeAsync("1", Everything);
        Assert.Equal(4401, await early.ClosedWithAsync(Wait));

        var token = await fixture.DeveloperTokenAsync();
        await using var twice = await ProtocolSocket.ConnectAsync(Portal);
        await twice.InitAsync(token);
        Assert.Equal("connection_ack", (await twice.NextMessageAsync(Wait)).GetProperty("type").GetString());
        await twice.InitAsync(token);
        Assert.Equal(4429, await twice.ClosedWithAsync(Wait));

        await using var repeated = await ProtocolSocket.ConnectAsync(Portal, token);
        await repeated.InitAsync();
        Assert.Equal("connection_ack", (await repeated.NextMessageAsync(Wait)).GetProperty("type").GetString());
        await repeated.SubscribeAsync("same", Everything);
        await repeated.SubscribeAsync("same", Everything);
        Assert.Equal(4409, await repeated.ClosedWithAsync(Wait));
    }

    [Fact]
    public async Task A_message_that_is_not_of_the_protocol_is_closed_with_4400()
    {
        await using var socket = await ProtocolSocket.ConnectAsync(Portal, await fixture.DeveloperTokenAsync());
        await socket.SendAsync(new { type = "start", id = "1" });
        Assert.Equal(4400, await socket.ClosedWithAsync(Wait));
    }

    [Fact]
    public async Task One_subscription_past_the_limit_is_refused_with_LIMIT_EXCEEDED_and_the_connection_stays_open_and_pinged()
    {
        await using var socket = await ProtocolSocket.ConnectAsync(Portal, await fixture.DeveloperTokenAsync());
        await socket.InitAsync();
        Assert.Equal("connection_ack", (await socket.NextMessageAsync(Wait)).GetProperty("type").GetString());
        for (var i = 1; i <= SubscriptionLimitsHost.MaxSubscriptionsPerConnection; i++)
        {
            await socket.SubscribeAsync(i.ToString(), Everything);
        }

        await socket.SubscribeAsync("over", Everything);
        var refused = await socket.NextMessageAsync(Wait);
        Assert.Equal("error", refused.GetProperty("type").GetString());
        Assert.Equal("over", refused.GetProperty("id").GetString());
        Assert.Equal("LIMIT_EXCEEDED", refused.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());

        // Keep-alive: the server pings an idle connection (every second here) and answers pings.
        var ping = await socket.ReceiveAsync(Wait);
        Assert.Equal("ping", ping?.GetProperty("type").GetString());
        await socket.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await socket.NextMessageAsync(Wait)).GetProperty("type").GetString());

        // A completed subscription frees its place.
        await socket.SendAsync(new { type = "complete", id = "1" });
        await socket.SubscribeAsync("again", Everything);
        await socket.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await socket.NextMessageAsync(Wait)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_user_past_the_connection_limit_is_closed_with_1008_on_websocket_and_answered_429_on_sse()
    {
        var token = await fixture.DeveloperTokenAsync();
        var open = new List<ProtocolSocket>();
        try
        {
            for (var i = 0; i < SubscriptionLimitsHost.MaxConnectionsPerUser; i++)
            {
                var socket = await ProtocolSocket.ConnectAsync(Portal, token);
                open.Add(socket);
                await socket.InitAsync();
                Assert.Equal("connection_ack", (await socket.NextMessageAsync(Wait)).GetProperty("type").GetString());
            }

            await using var over = await ProtocolSocket.ConnectAsync(Portal, token);
            await over.InitAsync();
            Assert.Equal(1008, await over.ClosedWithAsync(Wait));

            using var response = await SendSseAsync(token, Everything);
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Contains("LIMIT_EXCEEDED", await response.Content.ReadAsStringAsync());

            // Closing one frees its place.
            await open[0].DisposeAsync();
            open.RemoveAt(0);
            await PortalGrains.Testing.Eventually.AssertAsync(async () =>
            {
                await using var again = await ProtocolSocket.ConnectAsync(Portal, token);
                await again.InitAsync();
                return (await again.ReceiveAsync(Wait))?.GetProperty("type").GetString() == "connection_ack";
            }, Wait, "a connection is accepted again once one has closed");
        }
        finally
        {
            foreach (var socket in open)
            {
                await socket.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_login_token_that_expires_ends_the_websocket_with_4403_and_the_sse_stream_with_UNAUTHENTICATED()
    {
        var expiring = DevIdpSigningKey.Resign(await fixture.DeveloperTokenAsync(), p => p["exp"] = DevIdpSigningKey.UnixNow(TimeSpan.FromSeconds(3)));

        await using var socket = await ProtocolSocket.ConnectAsync(Portal);
        await socket.InitAsync(expiring);
        Assert.Equal("connection_ack", (await socket.NextMessageAsync(Wait)).GetProperty("type").GetString());
        await socket.SubscribeAsync("1", Everything);

        using var response = await SendSseAsync(expiring, Everything);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stream = await new StreamReader(await response.Content.ReadAsStreamAsync()).ReadToEndAsync()
            .WaitAsync(Wait);
        Assert.Contains("UNAUTHENTICATED", stream);
        Assert.EndsWith("event: complete\ndata:\n\n", stream);

        Assert.Equal(4403, await socket.ClosedWithAsync(Wait));
    }

    private async Task<HttpResponseMessage> SendSseAsync(string token, string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Portal, "/graphql"))
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
