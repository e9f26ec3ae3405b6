using PortalGrains.Abstractions.Common;

namespace PortalGrains.Abstractions.Webhooks;

/// <summary>The keys of the webhook outbox shards: an event goes to the shard of its subject (a stable hash, never to change once events are stored).</summary>
public static class WebhookOutboxShards
{
    public const int Count = 8;

    public const string KeyPrefix = "webhooks-";

    public static IReadOnlyList<string> AllKeys { get; } =
        [.. Enumerable.Range(0, Count).Select(i => KeyPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public static string KeyFor(string subjectId) => AllKeys[(int)(ShardHash.Fnv1a(subjectId) % Count)];

    public static IWebhookOutboxGrain WebhookOutboxFor(this IGrainFactory grains, WebhookEvent webhookEvent) =>
        grains.GetGrain<IWebhookOutboxGrain>(KeyFor(webhookEvent.SubjectId));
}
