using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Webhooks;

namespace PortalGrains.Grains.Webhooks;

/// <summary>
/// Wakes every webhook outbox shard once the silo is active and then every <c>Portal:Webhooks:SweepInterval</c>:
/// a shard whose silo died has no activation until something calls it, and its deliveries must go on. Waking a shard
/// that runs changes nothing.
/// </summary>
public sealed class WebhookOutboxResumer(
    IGrainFactory grains,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookOutboxResumer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(WebhookOutboxResumer), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        // Not awaited: start-up must not wait for storage reads of the shards.
        _ = Task.Run(SweepAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken) => await _stopping.CancelAsync();

    private async Task SweepAsync()
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            foreach (var key in WebhookOutboxShards.AllKeys)
            {
                try
                {
                    await grains.GetGrain<IWebhookOutboxGrain>(key).ResumeAsync(_stopping.Token);
                }
                catch (Exception e) when (!_stopping.IsCancellationRequested)
                {
                    WebhooksLog.ResumeFailed(logger, key, e);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
