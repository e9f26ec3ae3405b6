using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PortalGrains.Host.Hosting;

/// <summary>Unhealthy from the moment the process is asked to stop, so that /healthz answers 503 while it drains.</summary>
public sealed class ShutdownDrainHealthCheck(ShutdownDrain drain) : IHealthCheck
{
    public const string Name = "shutdown";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining
            ? HealthCheckResult.Unhealthy("shutting down: draining traffic before stopping")
            : HealthCheckResult.Healthy());
}
