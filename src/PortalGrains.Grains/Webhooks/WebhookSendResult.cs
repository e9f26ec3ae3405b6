namespace PortalGrains.Grains.Webhooks;

/// <summary>The endpoint's HTTP status, or null with <see cref="Error"/> when no answer came (refused, unreachable, timed out).</summary>
public sealed record WebhookSendResult(int? Status, string? Error)
{
    public bool Delivered => Status is >= 200 and < 300;

    /// <summary>410 Gone: the endpoint asks not to be called again.</summary>
    public bool Gone => Status == 410;
}
