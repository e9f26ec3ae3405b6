using PortalGrains.Abstractions.Common;

namespace PortalGrains.Abstractions.Notifications;

/// <summary>
/// The keys of the outbox shards, so that e-mail does not funnel through one grain. A message goes to the shard of
/// its dedup key, which is what makes enqueueing idempotent; the hash is stable across processes and versions
/// (FNV-1a, not <see cref="string.GetHashCode()"/>), because the shard count and hash must never change once mail
/// is stored.
/// </summary>
public static class NotificationOutboxShards
{
    public const int Count = 8;

    public const string KeyPrefix = "outbox-";

    public static IReadOnlyList<string> AllKeys { get; } =
        [.. Enumerable.Range(0, Count).Select(i => KeyPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public static string KeyFor(string dedupKey) => AllKeys[(int)(ShardHash.Fnv1a(dedupKey) % Count)];

    /// <summary>The outbox shard that owns <paramref name="message"/>.</summary>
    public static INotificationOutboxGrain OutboxFor(this IGrainFactory grains, EmailMessage message) =>
        grains.GetGrain<INotificationOutboxGrain>(KeyFor(message.DedupKey));
}
