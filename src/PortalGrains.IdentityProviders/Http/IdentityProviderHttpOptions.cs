using PortalGrains.Configuration;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>
/// Timeouts, retries and circuit breaker of calls to identity providers. Bound from the configuration section
/// <see cref="SectionName"/>; which addresses may be called is the <see cref="OutboundPolicyOptions"/>' business
/// (its former keys BlockLoopback and BlockPrivateNetworks in <see cref="FormerSection"/> are still read there).
/// </summary>
public sealed class IdentityProviderHttpOptions : IProblemReportingOptions
{
    public const string SectionName = "Portal:IdentityProviders:Http";

    public static readonly FormerConfigurationSection FormerSection = new("IdentityProviders:Http");

    /// <summary>Timeout of one attempt (one request on the wire).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of a whole call, all retries and their delays included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt. 0 turns retries off.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base delay of the exponential backoff (jitter is added).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of one backoff delay.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Upper bound applied to a server's Retry-After (RFC 9110 §10.2.3) before it is honoured.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Failure ratio over <see cref="BreakerSamplingDuration"/> that opens a provider's circuit.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls needed in the sampling window before the breaker may open (at least 2).</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>How long an open circuit rejects calls before one trial call is let through.</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Connections are recycled after this long so DNS changes are seen.</summary>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Returns the problems of these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        // Polly's own limits: timeouts 10 ms..24 h, breaker window and break at least 500 ms, throughput at least 2.
        if (AttemptTimeout < TimeSpan.FromMilliseconds(10)) problems.Add("AttemptTimeout must be at least 10 ms");
        if (TotalTimeout < AttemptTimeout) problems.Add("TotalTimeout must be at least AttemptTimeout");
        if (MaxRetryAttempts is < 0 or > 20) problems.Add("MaxRetryAttempts must be between 0 and 20");
        if (RetryBaseDelay < TimeSpan.Zero) problems.Add("RetryBaseDelay must not be negative");
        if (RetryMaxDelay < RetryBaseDelay) problems.Add("RetryMaxDelay must be at least RetryBaseDelay");
        if (MaxRetryAfter < TimeSpan.Zero) problems.Add("MaxRetryAfter must not be negative");
        if (BreakerFailureRatio is <= 0 or > 1) problems.Add("BreakerFailureRatio must be in (0, 1]");
        if (BreakerSamplingDuration < TimeSpan.FromMilliseconds(500)) problems.Add("BreakerSamplingDuration must be at least 500 ms");
        if (BreakerMinimumThroughput < 2) problems.Add("BreakerMinimumThroughput must be at least 2");
        if (BreakerBreakDuration < TimeSpan.FromMilliseconds(500)) problems.Add("BreakerBreakDuration must be at least 500 ms");
        if (PooledConnectionLifetime <= TimeSpan.Zero) problems.Add("PooledConnectionLifetime must be positive");
        return problems;
    }
}
