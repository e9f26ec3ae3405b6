namespace PortalGrains.Abstractions.Notifications;

/// <summary>
/// A durable outbox of e-mails, one of <see cref="NotificationOutboxShards.Count"/> shards (keys from
/// <see cref="NotificationOutboxShards"/>). A message stays stored until the mail server accepted it, so an
/// unreachable server delays mail; only a shard full of undelivered mail drops its oldest message for a new one.
/// </summary>
[Alias("PortalGrains.Notifications.INotificationOutboxGrain")]
public interface INotificationOutboxGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the message for delivery and returns once it is stored. Idempotent: a message whose dedup key this
    /// shard holds or sent recently is ignored. Returns whether the message was queued (false for a duplicate, or
    /// when notifications are disabled).
    /// </summary>
    [Alias("Enqueue")]
    Task<bool> EnqueueAsync(EmailMessage message, CancellationToken cancellationToken = default);

    [Alias("GetPendingCount")]
    Task<int> GetPendingCountAsync(CancellationToken cancellationToken = default);

    /// <summary>Undelivered messages this shard dropped (the oldest first) because it was full.</summary>
    [Alias("GetDroppedCount")]
    Task<long> GetDroppedCountAsync(CancellationToken cancellationToken = default);

    /// <summary>Schedules the delivery of what is pending (after a restart); nothing happens when nothing is.</summary>
    [Alias("Resume")]
    Task ResumeAsync(CancellationToken cancellationToken = default);
}
