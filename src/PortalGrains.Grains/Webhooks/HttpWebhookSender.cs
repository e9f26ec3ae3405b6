using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using PortalGrains.IdentityProviders.Http;
using StandardWebhooks;

namespace PortalGrains.Grains.Webhooks;

/// <summary>
/// Posts deliveries through the outbound policy (<see cref="IOutboundHttpClientFactory"/>: the configured address
/// rules, no redirects), each attempt within <c>Portal:Webhooks:Timeout</c>, reading at most
/// <c>Portal:Webhooks:MaxResponseBytes</c> of the answer. Signed as Standard Webhooks specifies:
/// <c>webhook-signature: v1,base64(HMAC-SHA256(secret, "id.timestamp.body"))</c>.
/// </summary>
public sealed class HttpWebhookSender : IWebhookSender, IDisposable
{
    private readonly WebhookOptions _options;
    private readonly HttpClient _client;

    public HttpWebhookSender(IOutboundHttpClientFactory clients, IOptions<WebhookOptions> options)
    {
        _options = options.Value;
        _client = clients.CreateClient("webhooks", _options.AllowHttp, _options.Timeout);
    }

    public async Task<WebhookSendResult> SendAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var signature = new StandardWebhook(request.Secret).Sign(request.MessageId, request.Timestamp, request.Body);
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Url)
        {
            Content = new StringContent(request.Body, Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("webhook-id", request.MessageId);
        message.Headers.Add("webhook-timestamp", request.Timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        message.Headers.Add("webhook-signature", signature);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            await ReadBoundedAsync(response, attempt.Token);
            return new WebhookSendResult((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookSendResult(null, $"no answer within {_options.Timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is HttpRequestException or OutboundRequestRefusedException or IOException)
        {
            return new WebhookSendResult(null, e.Message);
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Reads (and drops) at most the configured number of bytes; a longer answer is cut off with the connection.</summary>
    private async Task ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[8192];
        var left = _options.MaxResponseBytes;
        while (left > 0)
        {
            var read = await body.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, left)), cancellationToken);
            if (read == 0)
            {
                return;
            }

            left -= read;
        }
    }
}
