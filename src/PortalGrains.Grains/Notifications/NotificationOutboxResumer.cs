using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Notifications;

namespace PortalGrains.Grains.Notifications;

/// <summary>
/// Once the silo is active, wakes every outbox shard, so that mail stored before a restart is sent without waiting
/// for the next message, and the admins' alert. Every silo does this; a shard runs in one activation and waking it twice changes nothing.
/// </summary>
public sealed class NotificationOutboxResumer(
    IGrainFactory grains,
    IOptions<NotificationOptions> options,
    ILogger<NotificationOutboxResumer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(NotificationOutboxResumer), ServiceLifecycleStage.Active, OnStartAsync, _ => Task.CompletedTask);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            // Not awaited: start-up must not wait for storage reads of the shards.
            _ = Task.Run(ResumeAllAsync, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task ResumeAllAsync()
    {
        try
        {
            await grains.GetGrain<IAdminAlertGrain>(IAdminAlertGrain.Key).ResumeAsync();
        }
        catch (Exception e)
        {
            NotificationsLog.ResumeFailed(logger, "admin alerts", e);
        }

        foreach (var key in NotificationOutboxShards.AllKeys)
        {
            try
            {
                await grains.GetGrain<INotificationOutboxGrain>(key).ResumeAsync();
            }
            catch (Exception e)
            {
                NotificationsLog.ResumeFailed(logger, key, e);
            }
        }
    }
}
