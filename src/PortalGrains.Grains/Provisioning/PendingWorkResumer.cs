using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Grains.Applications;

namespace PortalGrains.Grains.Provisioning;

/// <summary>
/// Keeps the pending index's shards awake: at silo start and then every <see cref="ProvisioningOptions.SweepInterval"/>,
/// each silo wakes every shard, which wakes the applications whose identity provider work is due (retries, clean-up,
/// operations a crash left unsettled). So work resumes after a restart, and after a silo dies the shards it held come
/// back on the others, without an Orleans reminder service. Waking is idempotent; each shard lives in one activation.
/// </summary>
public sealed partial class PendingWorkResumer(
    IGrainFactory grains,
    IOptions<ProvisioningOptions> options,
    ILogger<PendingWorkResumer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PendingWorkResumer), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        // Not awaited: start-up must not wait for identity providers.
        _loop = Task.Run(() => SweepAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task SweepAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        do
        {
            try
            {
                await Task.WhenAll(IPendingReconciliationsGrain.AllShards.Select(
                    shard => grains.GetGrain<IPendingReconciliationsGrain>(shard).WakeAsync(stopping)));
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                SweepFailed(logger, e);
            }
        }
        while (await WaitAsync(timer, stopping));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Waking the pending identity provider work failed; the next sweep tries again")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}
