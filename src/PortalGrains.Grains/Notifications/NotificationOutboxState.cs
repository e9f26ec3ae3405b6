using PortalGrains.Abstractions.Notifications;

namespace PortalGrains.Grains.Notifications;

[GenerateSerializer]
public sealed class NotificationOutboxState
{
    /// <summary>Messages the mail server has not accepted yet, oldest first.</summary>
    [Id(0)] public List<EmailMessage> Pending { get; set; } = [];

    /// <summary>Dedup keys of the messages handed over (or refused for good), oldest first, bounded.</summary>
    [Id(1)] public List<string> SentKeys { get; set; } = [];

    /// <summary>Undelivered messages dropped, oldest first, to make room while the shard was full.</summary>
    [Id(2)] public long DroppedCount { get; set; }
}
