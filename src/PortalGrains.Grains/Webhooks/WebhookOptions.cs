using PortalGrains.Configuration;

namespace PortalGrains.Grains.Webhooks;

/// <summary>The <c>Portal:Webhooks</c> section: endpoint rules and delivery (retries with exponential backoff, then giving up).</summary>
public sealed class WebhookOptions : IProblemReportingOptions
{
    public const string SectionName = "Portal:Webhooks";

    /// <summary>The most endpoints admins may register (more is the UserError LIMIT_EXCEEDED).</summary>
    public int MaxEndpoints { get; set; } = 20;

    /// <summary>Whether endpoint URLs may be plain http (https only otherwise).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>How long one delivery attempt may take, connection included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>At most this much of an endpoint's answer is read.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A delivery not accepted this long after its event is given up (and shown as not delivered).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Deliveries sent at once by one outbox shard.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Deliveries kept per endpoint for <c>deliveries</c> (newest).</summary>
    public int DeliveriesKept { get; set; } = 100;

    /// <summary>How often each silo wakes the outbox shards, so that a shard whose silo died goes on delivering elsewhere.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most undelivered deliveries one outbox shard keeps (each holds its event, within one stored grain state);
    /// beyond it each new one displaces the oldest, which is given up and logged as an error.
    /// </summary>
    public int MaxPendingPerShard { get; set; } = 500;

    /// <summary>Event ids one shard remembers, so that an event enqueued twice (a retried hand-over) is delivered once.</summary>
    public int RememberedEventsPerShard { get; set; } = 2000;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxEndpoints is <= 0 or > 1000)
            problems.Add($"{nameof(MaxEndpoints)} must be between 1 and 1000");
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromSeconds(20))
            problems.Add($"{nameof(Timeout)} must be positive and at most 20 seconds (below the grain call timeout)");
        if (MaxResponseBytes <= 0)
            problems.Add($"{nameof(MaxResponseBytes)} must be positive");
        if (FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay || GiveUpAfter < FirstRetryDelay)
            problems.Add($"{nameof(FirstRetryDelay)} must be positive and at most {nameof(MaxRetryDelay)} and {nameof(GiveUpAfter)}");
        if (BatchSize is <= 0 or > 100 || DeliveriesKept is <= 0 or > 1000 || RememberedEventsPerShard <= 0 || MaxPendingPerShard <= 0)
            problems.Add($"{nameof(BatchSize)} (1-100), {nameof(DeliveriesKept)} (1-1000), {nameof(RememberedEventsPerShard)} and {nameof(MaxPendingPerShard)} must be positive");
        if (SweepInterval <= TimeSpan.Zero)
            problems.Add($"{nameof(SweepInterval)} must be positive");
        return problems;
    }
}
