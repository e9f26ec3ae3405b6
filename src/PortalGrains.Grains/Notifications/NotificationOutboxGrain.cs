using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Notifications;
using PortalGrains.Grains.Persistence;

namespace PortalGrains.Grains.Notifications;

/// <summary>
/// One shard of the e-mail outbox. Messages are stored before <see cref="EnqueueAsync"/> returns and removed only
/// once the mail server accepted them (or refused them for good), so delivery is at least once: a crash between the
/// server's acceptance and the bookkeeping sends that message again, with the same Message-ID. Sending runs on a
/// grain timer that keeps the activation alive while mail is pending, with exponential backoff while the server
/// is unreachable; an activation with pending mail starts sending, and <see cref="NotificationOutboxResumer"/>
/// activates every shard at silo start. The shard holds at most <c>Portal:Notifications:MaxPendingPerShard</c>
/// messages: when the server stays unreachable that long, each new message displaces the oldest undelivered one,
/// which is counted (<see cref="GetDroppedCountAsync"/>) and logged.
/// </summary>
public sealed class NotificationOutboxGrain(
    [PersistentState("notificationOutbox")] IPersistentState<NotificationOutboxState> state,
    IEmailSender sender,
    IOptions<NotificationOptions> options,
    ILogger<NotificationOutboxGrain> logger) : Grain, INotificationOutboxGrain
{
    private IGrainTimer? _sendTimer;
    private int _failedAttempts;

    private string Key => this.GetPrimaryKeyString();

    private NotificationOptions Options => options.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Options.Enabled && state.State.Pending.Count > 0)
        {
            NotificationsLog.Resuming(logger, Key, state.State.Pending.Count);
            ScheduleSend(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task<bool> EnqueueAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Options.Enabled)
        {
            return false;
        }

        var owner = NotificationOutboxShards.KeyFor(message.DedupKey);
        if (!string.Equals(owner, Key, StringComparison.Ordinal))
        {
            // Deduplication holds only within a shard.
            throw new ArgumentException($"Message {message.MessageId} belongs in outbox {owner}, not {Key}.", nameof(message));
        }

        var dropped = new List<EmailMessage>();
        var queued = await state.UpdateAsync(this, s =>
        {
            dropped.Clear();
            if (s.SentKeys.Contains(message.DedupKey) || s.Pending.Exists(m => m.DedupKey == message.DedupKey))
            {
                return false;
            }

            // Full after a long outage: the oldest mail gives way, the newest news of a request is worth more.
            var excess = s.Pending.Count - Math.Max(1, Options.MaxPendingPerShard) + 1;
            if (excess > 0)
            {
                dropped.AddRange(s.Pending.GetRange(0, excess));
                s.Pending.RemoveRange(0, excess);
                s.DroppedCount += excess;
            }

            s.Pending.Add(message);
            return true;
        }, cancellationToken);

        foreach (var lost in dropped)
        {
            NotificationsLog.OutboxFull(logger, Key, state.State.Pending.Count, lost.MessageId, MailKitEmailSender.RecipientDomain(lost.To), state.State.DroppedCount);
        }

        if (!queued)
        {
            NotificationsLog.Duplicate(logger, message.MessageId);
            return false;
        }

        NotificationsLog.Queued(logger, message.MessageId, MailKitEmailSender.RecipientDomain(message.To), Key, state.State.Pending.Count);
        if (_sendTimer is null)
        {
            // While a retry is scheduled the new message waits for it: the server was down a moment ago.
            ScheduleSend(TimeSpan.Zero);
        }

        return true;
    }

    public Task<int> GetPendingCountAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Pending.Count);

    public Task<long> GetDroppedCountAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.DroppedCount);

    public Task ResumeAsync(CancellationToken cancellationToken = default)
    {
        if (Options.Enabled && state.State.Pending.Count > 0 && _sendTimer is null)
        {
            ScheduleSend(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    private void ScheduleSend(TimeSpan dueTime)
    {
        _sendTimer?.Dispose();
        _sendTimer = this.RegisterGrainTimer(
            SendPendingAsync,
            new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        // The timer that runs this is disposed only at the end: disposing it cancels cancellationToken.
        using var running = _sendTimer;
        _sendTimer = null;
        if (!Options.Enabled || state.State.Pending.Count == 0)
        {
            return;
        }

        var progressed = false;
        try
        {
            progressed = await SendBatchAsync(cancellationToken);
        }
        finally
        {
            if (state.State.Pending.Count > 0 && !cancellationToken.IsCancellationRequested)
            {
                if (progressed)
                {
                    _failedAttempts = 0;
                    ScheduleSend(TimeSpan.Zero);
                }
                else
                {
                    _failedAttempts++;
                    var delay = RetryDelay(_failedAttempts);
                    NotificationsLog.Deferred(logger, Key, state.State.Pending.Count, _failedAttempts, delay);
                    ScheduleSend(delay);
                }
            }
            else
            {
                _failedAttempts = 0;
            }
        }
    }

    /// <returns>Whether any message left the outbox.</returns>
    private async Task<bool> SendBatchAsync(CancellationToken cancellationToken)
    {
        var batch = state.State.Pending.Take(Math.Max(1, Options.BatchSize)).ToList();
        IReadOnlyList<EmailDeliveryResult> results;
        using (var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            budget.CancelAfter(Options.SendBudget);
            results = await sender.SendAsync(batch, budget.Token);
        }

        var finished = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            if (result.Status == EmailDeliveryStatus.Deferred)
            {
                continue;
            }

            finished.Add(result.MessageId);
            if (result.Status == EmailDeliveryStatus.Rejected)
            {
                var to = batch.Find(m => m.MessageId == result.MessageId)?.To ?? string.Empty;
                NotificationsLog.Dropped(logger, result.MessageId, MailKitEmailSender.RecipientDomain(to), result.Error);
            }
        }

        if (finished.Count == 0)
        {
            return false;
        }

        try
        {
            await state.UpdateAsync(this, s =>
            {
                var done = s.Pending.FindAll(m => finished.Contains(m.MessageId));
                if (done.Count == 0)
                {
                    return false;
                }

                s.Pending.RemoveAll(m => finished.Contains(m.MessageId));
                s.SentKeys.AddRange(done.Select(m => m.DedupKey));
                var excess = s.SentKeys.Count - Math.Max(0, Options.RememberedSentPerShard);
                if (excess > 0)
                {
                    s.SentKeys.RemoveRange(0, excess);
                }

                return true;
            }, CancellationToken.None);
            return true;
        }
        catch (Exception e)
        {
            // The state was reloaded: the accepted messages are pending again and will be sent once more.
            NotificationsLog.BookkeepingFailed(logger, Key, e);
            return false;
        }
    }

    private TimeSpan RetryDelay(int attempt)
    {
        var first = Options.FirstRetryDelay > TimeSpan.Zero ? Options.FirstRetryDelay : TimeSpan.FromSeconds(1);
        var max = Options.MaxRetryDelay >= first ? Options.MaxRetryDelay : first;
        var exponential = first.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        // Jitter (±20 %), so that shards do not all knock at a recovering server at once.
        return TimeSpan.FromMilliseconds(capped * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }
}
