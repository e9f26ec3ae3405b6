using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Notifications;
using PortalGrains.Abstractions.Webhooks;
using PortalGrains.Grains.Persistence;

namespace PortalGrains.Grains.Notifications;

/// <summary>
/// Collects new access requests and e-mails the admins at most once per <c>AdminAlertInterval</c>, through the mail
/// outbox. At send time only the requests still PENDING are listed (an auto-approved one is not). The requests are
/// removed from the state only after every admin's message is in the outbox, and an alert sent again after a crash
/// has the same dedup keys, so it is mailed once.
/// </summary>
public sealed class AdminAlertGrain(
    [PersistentState("adminAlerts")] IPersistentState<AdminAlertState> state,
    IOptions<NotificationOptions> options,
    ICatalogReader catalog,
    TimeProvider clock,
    ILogger<AdminAlertGrain> logger) : Grain, IAdminAlertGrain
{
    private const int RememberedIds = 2000;

    private IGrainTimer? _timer;
    private DateTimeOffset _failedAt = DateTimeOffset.MinValue;

    private NotificationOptions Options => options.Value;

    private bool Enabled => Options.Enabled && Options.AdminEmails.Count > 0;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Schedule();
        return Task.CompletedTask;
    }

    public async Task AddAsync(WebhookEvent created, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(created);
        if (!Enabled || created.Type != WebhookEventType.AccessRequestCreated)
        {
            return;
        }

        var data = JsonDocument.Parse(created.Data).RootElement;
        var alert = new PendingAdminAlert
        {
            RequestId = data.GetProperty("id").GetString()!,
            DeveloperId = data.GetProperty("developerId").GetString() ?? "",
            ProductId = data.GetProperty("product").GetProperty("id").GetString() ?? "",
            PlanId = data.GetProperty("plan").GetProperty("id").GetString() ?? "",
            CreatedAt = data.GetProperty("createdAt").GetDateTimeOffset(),
        };
        await state.UpdateAsync(this, s =>
        {
            if (s.TakenIds.Contains(alert.RequestId))
            {
                return false;
            }

            s.Pending.Add(alert);
            s.TakenIds.Add(alert.RequestId);
            if (s.TakenIds.Count > RememberedIds)
            {
                s.TakenIds.RemoveRange(0, s.TakenIds.Count - RememberedIds);
            }

            return true;
        }, cancellationToken);
        Schedule();
    }

    public Task ResumeAsync(CancellationToken cancellationToken = default)
    {
        Schedule();
        return Task.CompletedTask;
    }

    private void Schedule()
    {
        if (!Enabled || state.State.Pending.Count == 0 || _timer is not null)
        {
            return;
        }

        var last = state.State.LastSentAt is { } sent && sent > _failedAt ? sent : _failedAt;
        var due = last + Options.AdminAlertInterval - clock.GetUtcNow();
        _timer = this.RegisterGrainTimer(
            SendAsync,
            new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        using var running = _timer;
        _timer = null;
        var taken = state.State.Pending.ToList();
        try
        {
            var snapshot = await catalog.GetAsync(cancellationToken);
            var listed = new List<(PendingAdminAlert, string, string)>();
            foreach (var request in taken)
            {
                var view = await GrainFactory.GetGrain<IAccessRequestGrain>(request.RequestId).GetAsync(cancellationToken);
                if (view?.Status == AccessRequestStatus.Pending)
                {
                    listed.Add((request, snapshot.FindProduct(request.ProductId)?.Name ?? request.ProductId, snapshot.FindPlan(request.PlanId)?.Name ?? request.PlanId));
                }
            }

            var now = clock.GetUtcNow();
            var batch = state.State.NextBatch;
            if (listed.Count > 0)
            {
                foreach (var address in Options.AdminEmails.Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    var message = AdminAlertEmailComposer.Compose(batch, address, listed, now);
                    await GrainFactory.OutboxFor(message).EnqueueAsync(message, cancellationToken);
                }
            }

            var ids = taken.Select(t => t.RequestId).ToHashSet(StringComparer.Ordinal);
            await state.UpdateAsync(this, s =>
            {
                s.Pending.RemoveAll(p => ids.Contains(p.RequestId));
                if (listed.Count > 0)
                {
                    s.LastSentAt = now;
                    s.NextBatch = batch + 1;
                }

                return true;
            }, CancellationToken.None);
            NotificationsLog.AdminAlertQueued(logger, listed.Count, Options.AdminEmails.Count);
        }
        catch (Exception e)
        {
            NotificationsLog.AdminAlertFailed(logger, e);
            _failedAt = clock.GetUtcNow();
        }
        finally
        {
            Schedule();
        }
    }
}
