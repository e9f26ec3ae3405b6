using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace PortalGrains.Host.Hosting;

/// <summary>
/// Delays the stop of the HTTP server by the drain period. The host calls <see cref="StoppingAsync"/> of every
/// lifecycle service before it calls StopAsync of any hosted service, so Kestrel (and after it the silo, which
/// leaves the cluster on stop) keep running while health probes already answer 503 and balancers take this
/// instance out of rotation. Without an HTTP server in the process there is nothing to drain.
/// </summary>
public sealed class ShutdownDrainService(
    ShutdownDrain drain,
    IOptions<GracefulShutdownOptions> options,
    IServiceProvider services,
    ILogger<ShutdownDrainService> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        drain.Begin();
        if (services.GetService<IServer>() is null)
        {
            return;
        }

        var period = TimeSpan.FromSeconds(Math.Max(0, options.Value.DrainSeconds));
        ShutdownLog.Draining(logger, period.TotalSeconds);
        try
        {
            // The drain is a fixed period by design: a balancer's health checks need this long to see the 503.
            await Task.Delay(period, cancellationToken);
            ShutdownLog.Drained(logger);
        }
        catch (OperationCanceledException)
        {
            ShutdownLog.DrainCutShort(logger);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
