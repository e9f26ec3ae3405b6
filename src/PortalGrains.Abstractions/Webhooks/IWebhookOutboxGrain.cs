namespace PortalGrains.Abstractions.Webhooks;

/// <summary>
/// One shard of the durable webhook outbox (keys from <see cref="WebhookOutboxShards"/>, by subject, so that the
/// events of one subject are delivered in order). An event is stored, one delivery per subscribed endpoint, before
/// <see cref="EnqueueAsync"/> returns, and stays until delivered, refused for good (410) or given up.
/// </summary>
[Alias("PortalGrains.Webhooks.IWebhookOutboxGrain")]
public interface IWebhookOutboxGrain : IGrainWithStringKey
{
    /// <summary>Stores the event's deliveries; an event id this shard saw before is ignored. Returns the deliveries created.</summary>
    [Alias("Enqueue")]
    Task<int> EnqueueAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken = default);

    [Alias("GetPendingCount")]
    Task<int> GetPendingCountAsync(CancellationToken cancellationToken = default);

    /// <summary>Schedules the delivery of what is pending (after a restart or a silo's loss).</summary>
    [Alias("Resume")]
    Task ResumeAsync(CancellationToken cancellationToken = default);
}
