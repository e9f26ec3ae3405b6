namespace PortalGrains.Grains.Webhooks;

/// <summary>Sends one signed delivery attempt (Standard Webhooks headers) and reports the answer's status, or why there was none.</summary>
public interface IWebhookSender
{
    Task<WebhookSendResult> SendAsync(WebhookRequest request, CancellationToken cancellationToken);
}
