using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Developers;
using PortalGrains.Abstractions.Notifications;

namespace PortalGrains.Grains.Notifications;

/// <summary>
/// Composes the e-mail about an access request's status for its developer (address from the developer's profile,
/// product and plan names from this silo's catalogue copy) and stores it in the outbox shard of its dedup key.
/// </summary>
[StatelessWorker]
public sealed class AccessRequestNotifierGrain(
    IOptions<NotificationOptions> options,
    ICatalogReader catalog,
    TimeProvider clock,
    ILogger<AccessRequestNotifierGrain> logger) : Grain, IAccessRequestNotifierGrain
{
    public async Task<bool> NotifyStatusAsync(AccessRequestView view, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (!options.Value.Enabled || !AccessRequestEmailComposer.IsNotified(view.Status))
        {
            return false;
        }

        var developer = await GrainFactory.GetGrain<IDeveloperGrain>(view.DeveloperId).GetAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(developer?.Email))
        {
            NotificationsLog.NoAddress(logger, view.Id, view.Status.ToString());
            return false;
        }

        var snapshot = await catalog.GetAsync(cancellationToken);
        var message = AccessRequestEmailComposer.Compose(
            view,
            developer.Email,
            developer.Name,
            snapshot.FindProduct(view.ProductId)?.Name ?? view.ProductId,
            snapshot.FindPlan(view.PlanId)?.Name ?? view.PlanId,
            reason,
            options.Value,
            clock.GetUtcNow());
        return message is not null && await GrainFactory.OutboxFor(message).EnqueueAsync(message, cancellationToken);
    }
}
