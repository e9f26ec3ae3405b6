using Microsoft.Extensions.Diagnostics.HealthChecks;
using PortalGrains.Abstractions.Diagnostics;

namespace PortalGrains.Host.Health;

/// <summary>Healthy once this silo runs and its grain storage answers a read.</summary>
public sealed class SiloHealthCheck(IGrainFactory grains, ILocalSiloDetails silo) : IHealthCheck
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            var probe = grains.GetGrain<IHealthProbeGrain>(silo.SiloAddress.ToParsableString());
            var result = await probe.ProbeAsync(timeout.Token);
            return HealthCheckResult.Healthy($"silo {result.SiloAddress}");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"silo or grain storage not answering: {e.GetType().Name}");
        }
    }
}
