using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Webhooks;
using PortalGrains.Grains.Persistence;
using PortalGrains.Grains.Security;

namespace PortalGrains.Grains.Webhooks;

/// <summary>
/// One shard of the webhook outbox. An event becomes one delivery per subscribed endpoint, stored before
/// <see cref="EnqueueAsync"/> returns; a delivery leaves the outbox once its endpoint answered 2xx, answered 410
/// (the endpoint is then disabled and its other deliveries dropped), or after <c>Portal:Webhooks:GiveUpAfter</c>.
/// Anything else is retried with exponential backoff. Delivery is at least once: a silo lost between the
/// endpoint's answer and the bookkeeping sends that delivery again, with the same <c>webhook-id</c>. Deliveries of
/// one subject to one endpoint go out one at a time, in order. <see cref="WebhookOutboxResumer"/> wakes every shard
/// at silo start and then periodically, so that a shard whose silo died resumes on another.
/// </summary>
public sealed class WebhookOutboxGrain(
    [PersistentState("webhookOutbox")] IPersistentState<WebhookOutboxState> state,
    IWebhookSender sender,
    ISecretProtector secrets,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookOutboxGrain> logger) : Grain, IWebhookOutboxGrain
{
    /// <summary>The actor of changes the delivery itself makes (disabling an endpoint that answered 410).</summary>
    public const string Actor = "system:webhooks";

    private IGrainTimer? _timer;
    private DateTimeOffset _timerDue = DateTimeOffset.MaxValue;

    private string Key => this.GetPrimaryKeyString();

    private WebhookOptions Options => options.Value;

    private IWebhookRegistryGrain Registry => GrainFactory.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ScheduleNext();
        return Task.CompletedTask;
    }

    public async Task<int> EnqueueAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        var owner = WebhookOutboxShards.KeyFor(webhookEvent.SubjectId);
        if (!string.Equals(owner, Key, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Event {webhookEvent.Id} belongs in outbox {owner}, not {Key}.", nameof(webhookEvent));
        }

        if (state.State.SeenEventIds.Contains(webhookEvent.Id))
        {
            return 0;
        }

        var targets = await Registry.GetTargetsAsync(webhookEvent.Type, cancellationToken);
        if (targets.IsDefaultOrEmpty)
        {
            // Nothing to deliver and so nothing to store: taking the event again later is just as harmless.
            return 0;
        }

        var now = clock.GetUtcNow();
        var deliveries = targets.Select(t => new PendingWebhookDelivery
        {
            Id = webhookEvent.Id + "." + t.EndpointId,
            EndpointId = t.EndpointId,
            Event = webhookEvent,
            NextAttemptAt = now,
            CreatedAt = now,
        }).ToList();
        var dropped = new List<PendingWebhookDelivery>();
        await state.UpdateAsync(this, s =>
        {
            dropped.Clear();
            if (s.SeenEventIds.Contains(webhookEvent.Id))
            {
                return false;
            }

            // Full after a long outage of endpoints: the oldest deliveries give way to the newest.
            var full = s.Pending.Count + deliveries.Count - Math.Max(1, Options.MaxPendingPerShard);
            if (full > 0)
            {
                dropped.AddRange(s.Pending.Take(full));
                s.Pending.RemoveRange(0, dropped.Count);
            }

            s.Pending.AddRange(deliveries);
            s.SeenEventIds.Add(webhookEvent.Id);
            var excess = s.SeenEventIds.Count - Math.Max(1, Options.RememberedEventsPerShard);
            if (excess > 0)
            {
                s.SeenEventIds.RemoveRange(0, excess);
            }

            return true;
        }, cancellationToken);
        WebhooksLog.Queued(logger, webhookEvent.Id, webhookEvent.Type, Key, deliveries.Count);
        foreach (var lost in dropped)
        {
            lost.LastError = "dropped: the outbox shard was full";
            WebhooksLog.OutboxFull(logger, Key, lost.Id, lost.EndpointId);
        }

        await RecordAsync(deliveries.Select(d => d.View()).Concat(dropped.Select(d => d.View(gaveUp: true))));
        ScheduleNext();
        return deliveries.Count;
    }

    public Task<int> GetPendingCountAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Pending.Count);

    public Task ResumeAsync(CancellationToken cancellationToken = default)
    {
        ScheduleNext();
        return Task.CompletedTask;
    }

    /// <summary>Schedules the next round for the earliest due delivery, unless a round is scheduled sooner.</summary>
    private void ScheduleNext()
    {
        if (state.State.Pending.Count == 0)
        {
            return;
        }

        var due = state.State.Pending.Min(p => p.NextAttemptAt);
        if (_timer is not null && _timerDue <= due)
        {
            return;
        }

        _timer?.Dispose();
        _timerDue = due;
        var delay = due - clock.GetUtcNow();
        _timer = this.RegisterGrainTimer(
            DeliverDueAsync,
            new GrainTimerCreationOptions(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        // The timer that runs this is disposed only at the end: disposing it cancels cancellationToken.
        using var running = _timer;
        _timer = null;
        _timerDue = DateTimeOffset.MaxValue;
        try
        {
            await DeliverRoundAsync(cancellationToken);
        }
        catch (Exception e)
        {
            WebhooksLog.RoundFailed(logger, Key, e);
            foreach (var p in state.State.Pending.Where(p => p.NextAttemptAt <= clock.GetUtcNow()))
            {
                p.NextAttemptAt = clock.GetUtcNow() + Options.FirstRetryDelay;
            }
        }
        finally
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                ScheduleNext();
            }
        }
    }

    private async Task DeliverRoundAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var heads = new List<PendingWebhookDelivery>();
        var blocked = new HashSet<(string, string)>();
        foreach (var p in state.State.Pending)
        {
            // Only the oldest delivery of a subject to an endpoint may go: order per subject.
            if (blocked.Add((p.EndpointId, p.Event.SubjectId)) && p.NextAttemptAt <= now && heads.Count < Math.Max(1, Options.BatchSize))
            {
                heads.Add(p);
            }
        }

        if (heads.Count == 0)
        {
            return;
        }

        var outcomes = await Task.WhenAll(heads.Select(p => AttemptAsync(p, cancellationToken)));
        now = clock.GetUtcNow();
        var settled = new List<WebhookDeliveryView>();
        var gone = new HashSet<string>(StringComparer.Ordinal);
        await state.UpdateAsync(this, s =>
        {
            settled.Clear();
            gone.Clear();
            foreach (var (delivery, result) in heads.Zip(outcomes))
            {
                var p = s.Pending.Find(x => x.Id == delivery.Id);
                if (p is null)
                {
                    continue;
                }

                p.Attempts++;
                p.LastStatus = result?.Status;
                p.LastError = result is null ? "the webhook was deleted or disabled" : result.Error;
                if (result is { Delivered: true })
                {
                    s.Pending.Remove(p);
                    settled.Add(p.View(delivered: true));
                }
                else if (result is null || result.Gone || now - p.CreatedAt >= Options.GiveUpAfter)
                {
                    s.Pending.Remove(p);
                    settled.Add(p.View(gaveUp: true));
                    if (result is { Gone: true })
                    {
                        gone.Add(p.EndpointId);
                    }
                }
                else
                {
                    p.NextAttemptAt = now + RetryDelay(p.Attempts);
                    settled.Add(p.View());
                }
            }

            foreach (var p in s.Pending.Where(p => gone.Contains(p.EndpointId)).ToList())
            {
                p.LastError = "the endpoint answered 410 Gone to an earlier delivery";
                s.Pending.Remove(p);
                settled.Add(p.View(gaveUp: true));
            }

            return true;
        }, CancellationToken.None);

        foreach (var (delivery, result) in heads.Zip(outcomes))
        {
            WebhooksLog.Attempted(logger, delivery.Id, delivery.EndpointId, delivery.Attempts, result?.Status, result?.Error);
        }

        foreach (var endpointId in gone)
        {
            await Registry.DisableAsync(endpointId, "answered 410 Gone", CancellationToken.None);
        }

        await RecordAsync(settled);
    }

    /// <returns>The answer, or null when the endpoint no longer exists or is inactive.</returns>
    private async Task<WebhookSendResult?> AttemptAsync(PendingWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var target = await Registry.GetTargetAsync(delivery.EndpointId, cancellationToken);
        if (target is null)
        {
            return null;
        }

        var request = new WebhookRequest(
            target.Url, delivery.Event.Id, clock.GetUtcNow(), WebhookPayload.Body(delivery.Event), secrets.Unprotect(target.ProtectedSecret));
        return await sender.SendAsync(request, cancellationToken);
    }

    /// <summary>Updates the endpoints' delivery lists; they are for reading only, so a failure here is logged and not retried.</summary>
    private async Task RecordAsync(IEnumerable<WebhookDeliveryView> deliveries)
    {
        foreach (var group in deliveries.GroupBy(d => d.EndpointId))
        {
            try
            {
                await GrainFactory.GetGrain<IWebhookDeliveryLogGrain>(group.Key).RecordAsync([.. group], CancellationToken.None);
            }
            catch (Exception e)
            {
                WebhooksLog.DeliveryLogFailed(logger, group.Key, e);
            }
        }
    }

    private TimeSpan RetryDelay(int attempt)
    {
        var exponential = Options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, Options.MaxRetryDelay.TotalMilliseconds);
        // Jitter (±20 %), so that shards do not all knock at a recovering endpoint at once.
        return TimeSpan.FromMilliseconds(capped * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }
}
