namespace PortalGrains.Abstractions.Diagnostics;

/// <summary>
/// Answers health checks with a real round trip through a silo and its grain storage.
/// Keyed by the silo's address so that each silo probes itself.
/// </summary>
public interface IHealthProbeGrain : IGrainWithStringKey
{
    /// <summary>Reads the probe's state from grain storage and reports where the grain runs.</summary>
    Task<HealthProbeResult> ProbeAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes a marker to grain storage (used to check that storage accepts writes).</summary>
    Task<HealthProbeResult> RecordAsync(string marker, CancellationToken cancellationToken = default);
}
