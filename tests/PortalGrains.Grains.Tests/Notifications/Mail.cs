using PortalGrains.Abstractions.Notifications;

namespace PortalGrains.Grains.Tests.Notifications;

/// <summary>Messages with fresh recipients and dedup keys.</summary>
public static class Mail
{
    public static EmailMessage To(string address, string? dedupKey = null)
    {
        var key = dedupKey ?? $"{Guid.NewGuid():N}:ACTIVE:1";
        return new EmailMessage(
            "pg-" + Guid.NewGuid().ToString("N"), address, "Access to Orders API approved",
            $"Hello there,\n\nmessage {key}: ready.\n", DateTimeOffset.UtcNow, key);
    }

    public static string FreshAddress(string localPrefix = "outbox") => $"{localPrefix}-{Guid.NewGuid():N}@example.com";

    /// <summary>A fresh dedup key that falls into <paramref name="shard"/>, so that messages share one outbox and its order.</summary>
    public static string KeyInShard(string shard)
    {
        while (true)
        {
            var key = $"{Guid.NewGuid():N}:ACTIVE:1";
            if (NotificationOutboxShards.KeyFor(key) == shard)
            {
                return key;
            }
        }
    }
}
