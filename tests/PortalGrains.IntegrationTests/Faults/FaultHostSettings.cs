namespace PortalGrains.IntegrationTests.Faults;

/// <summary>
/// Environment of the host processes of the fault tests: the IdP layer's timeouts, retries and circuit breaker and the
/// background retries of provisioning, shortened so that each fault plays out in seconds.
/// </summary>
public static class FaultHostSettings
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(6);

    /// <summary>
    /// The give-up host's circuit breaker: opens after 4 failed attempts in 10 s, for 15 s. The break outlasts what one
    /// approval takes on a loaded machine (seen: 6 s), so a test sees the circuit still open when it checks.
    /// </summary>
    public static readonly TimeSpan GiveUpHostBreakDuration = TimeSpan.FromSeconds(15);
    public const int GiveUpHostMinimumThroughput = 4;

    /// <summary>Provisioning keeps retrying for minutes: every fault here is expected to heal.</summary>
    public static IReadOnlyDictionary<string, string> Resilient { get; } = new Dictionary<string, string>(Common)
    {
        ["Portal__IdentityProviders__Http__BreakerBreakDuration"] = "00:00:02",
        ["Portal__Provisioning__GiveUpAfter"] = "00:03:00",
    };

    /// <summary>Provisioning gives up after a second of failures, so that a lasting fault ends FAILED at once.</summary>
    public static IReadOnlyDictionary<string, string> GiveUp { get; } = new Dictionary<string, string>(Common)
    {
        ["Portal__IdentityProviders__Http__BreakerBreakDuration"] = GiveUpHostBreakDuration.ToString("c"),
        ["Portal__IdentityProviders__Http__BreakerMinimumThroughput"] = GiveUpHostMinimumThroughput.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portal__IdentityProviders__Http__BreakerSamplingDuration"] = "00:00:10",
        ["Portal__Provisioning__GiveUpAfter"] = "00:00:01",
    };

    private static Dictionary<string, string> Common => new()
    {
        ["Portal__IdentityProviders__Http__AttemptTimeout"] = AttemptTimeout.ToString("c"),
        ["Portal__IdentityProviders__Http__TotalTimeout"] = TotalTimeout.ToString("c"),
        ["Portal__IdentityProviders__Http__RetryBaseDelay"] = "00:00:00.100",
        ["Portal__IdentityProviders__Http__RetryMaxDelay"] = "00:00:00.500",
        ["Portal__Provisioning__FirstRetryDelay"] = "00:00:00.200",
        ["Portal__Provisioning__MaxRetryDelay"] = "00:00:01",
    };
}
