using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Webhooks;

/// <summary>
/// A webhook endpoint on a loopback port: it records every request, checks its Standard Webhooks signature itself
/// (HMAC-SHA256 of "id.timestamp.body" with the base64 key after "whsec_", compared with each "v1," entry), and
/// answers what <see cref="Answer"/> says for the request (by default 204).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    public WebhookReceiver()
    {
        _server = LoopbackHttpServer.Start(HandleAsync);
    }

    public string Url => _server.BaseUrl + "/hooks";

    /// <summary>Set once the portal returned the endpoint's secret.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The status to answer the n-th (1-based) request with this webhook-id; null holds the request unanswered until <see cref="Release"/>.</summary>
    public Func<string, int, Task<int?>> Answer { get; set; } = (_, _) => Task.FromResult<int?>(204);

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    public static bool Verify(string secret, string id, string timestamp, string body, string signatureHeader)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        return signatureHeader.Split(' ').Any(s => s.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s[3..]), Encoding.ASCII.GetBytes(expected)));
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        var id = request.Headers["webhook-id"] ?? "";
        var timestamp = request.Headers["webhook-timestamp"] ?? "";
        var signature = request.Headers["webhook-signature"] ?? "";
        var valid = Secret.Length > 0 && Verify(Secret, id, timestamp, body, signature);
        var attempt = _attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
        var status = await Answer(id, attempt);
        _received.Enqueue(new ReceivedWebhook(id, long.TryParse(timestamp, out var t) ? t : 0, signature, body, valid, status));
        if (status is { } answered)
        {
            context.Response.StatusCode = answered;
            context.Response.Close();
        }
    }
}
