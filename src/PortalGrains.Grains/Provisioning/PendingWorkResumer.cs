using Microsoft.Extensions.Logging;
using PortalGrains.Abstractions.Applications;

namespace PortalGrains.Grains.Provisioning;

/// <summary>
/// Once the silo is active, wakes every application with unfinished identity provider work (retries, clean-up,
/// operations a crash left unsettled), so that the work resumes after a restart without an Orleans reminder service.
/// Every silo does this at start; the work is idempotent and each application runs in one activation.
/// </summary>
public sealed partial class PendingWorkResumer(IGrainFactory grains, ILogger<PendingWorkResumer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PendingWorkResumer), ServiceLifecycleStage.Active, OnStartAsync, _ => Task.CompletedTask);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        // Not awaited: start-up must not wait for identity providers.
        _ = Task.Run(() => ResumeAllAsync(CancellationToken.None), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task ResumeAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            var pending = await grains.GetGrain<IPendingReconciliationsGrain>(IPendingReconciliationsGrain.Key).ListAsync(cancellationToken);
            Resuming(logger, pending.Length);
            foreach (var applicationId in pending)
            {
                grains.GetGrain<IApplicationGrain>(applicationId).ResumeAsync(cancellationToken).Ignore();
            }
        }
        catch (Exception e)
        {
            ResumeFailed(logger, e);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Resuming identity provider work of {Count} application(s)")]
    private static partial void Resuming(ILogger logger, int count);

    [LoggerMessage(2, LogLevel.Error, "Listing applications with pending identity provider work failed; they resume on their next call")]
    private static partial void ResumeFailed(ILogger logger, Exception exception);
}
