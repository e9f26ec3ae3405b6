using PortalGrains.Configuration;

namespace PortalGrains.Grains.Applications;

/// <summary>The <c>Portal:Provisioning</c> section: how identity provider work is retried in the background.</summary>
public sealed class ProvisioningOptions : IProblemReportingOptions
{
    public const string SectionName = "Portal:Provisioning";

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>After this long of transient failures, the grants waiting on the identity provider end FAILED.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long before a client secret expires (client_secret_expires_at) the portal rotates it; for secrets that
    /// live less than twice as long, at half their lifetime.
    /// </summary>
    public TimeSpan RotateSecretsBefore { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Work due within this horizon runs on a timer of the application; later work waits in the pending index.</summary>
    public TimeSpan LocalTimerHorizon { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long after an identity provider operation starts the pending index wakes the application if it has not
    /// settled by then (its silo died). Longer than the IdP layer's total timeout.
    /// </summary>
    public TimeSpan OperationWatchdog { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often each silo wakes the pending index, so that work of a silo that died resumes elsewhere.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Unconfirmed attempts (lost answers) after which the grants end FAILED instead of being tried again.</summary>
    public int MaxUncertainAttempts { get; set; } = 10;

    /// <summary>
    /// How long after a registration whose outcome was lost the identity provider is searched for the client it may
    /// have created (where the driver can search): long enough for a request the identity provider was still
    /// processing to have finished, so longer than the IdP layer's total timeout.
    /// </summary>
    public TimeSpan UnsettledRegistrationSearchDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most identity provider operations one reconciliation performs before it yields.</summary>
    public int MaxStepsPerReconciliation { get; set; } = 8;

    /// <summary>How many identity provider operations each application keeps for the audit (the newest).</summary>
    public int MaxOperationsKept { get; set; } = 200;

    /// <summary>
    /// How many replaced clients of one application may still be in their grace period. A rotation past it ends the
    /// grace period of the oldest ones at once (they are deleted), so that old secrets cannot pile up.
    /// </summary>
    public int MaxClientsInGracePeriod { get; set; } = 5;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxStepsPerReconciliation < 1) problems.Add("MaxStepsPerReconciliation must be positive");
        if (MaxOperationsKept is < 1 or > 1000) problems.Add("MaxOperationsKept must be between 1 and 1000");
        if (MaxClientsInGracePeriod is < 1 or > 100) problems.Add("MaxClientsInGracePeriod must be between 1 and 100");
        return problems;
    }
}
