using PortalGrains.Abstractions.Notifications;
using PortalGrains.Testing;

namespace PortalGrains.Grains.Tests.Notifications;

/// <summary>The outbox sending through MailKit to the real SMTP sink test.sh starts.</summary>
public sealed class NotificationOutboxGrainTests(SharedSmtpOutboxCluster fixture) : IClassFixture<SharedSmtpOutboxCluster>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static SmtpTestServer Smtp => SmtpTestServer.Shared;

    private IClusterClient Client => fixture.Outbox.Client;

    [Fact]
    public async Task A_queued_message_reaches_the_mail_server_as_plain_text_and_leaves_the_outbox()
    {
        var address = Mail.FreshAddress();
        var message = Mail.To(address);
        var outbox = Client.OutboxFor(message);

        Assert.True(await outbox.EnqueueAsync(message));

        var received = Assert.Single(await Smtp.WaitForMessagesToAsync(address, 1, Deadline, $"the message to {address}"));
        Assert.Equal("portal@example.org", received.From);
        Assert.Equal(message.Subject, received.Subject);
        Assert.Equal(message.TextBody, received.Text);
        Assert.StartsWith("text/plain", received.ContentType);
        Assert.Equal($"<{message.MessageId}@example.org>", received.MessageId);
        await Eventually.ReturnsAsync(() => outbox.GetPendingCountAsync(), n => n == 0, Deadline, "the outbox emptying");
    }

    [Fact]
    public async Task A_dedup_key_is_queued_once_while_pending_and_after_delivery()
    {
        var address = Mail.FreshAddress();
        var message = Mail.To(address);
        var outbox = Client.OutboxFor(message);

        Assert.True(await outbox.EnqueueAsync(message));
        Assert.False(await outbox.EnqueueAsync(message with { MessageId = "pg-other" }));
        await Smtp.WaitForMessagesToAsync(address, 1, Deadline, $"the message to {address}");
        Assert.False(await outbox.EnqueueAsync(message));

        // A later message of the same shard is sent after anything queued before it: once it is there, a duplicate would be too.
        var later = Mail.To(address, Mail.KeyInShard(outbox.GetPrimaryKeyString()));
        Assert.True(await outbox.EnqueueAsync(later));
        var received = await Smtp.WaitForMessagesToAsync(address, 2, Deadline, $"the later message to {address}");
        Assert.Equal(2, received.Count);
        Assert.Single(received, m => m.MessageId == $"<{message.MessageId}@example.org>");
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_for_good_is_dropped_without_holding_up_the_next_message()
    {
        var refusedAddress = Mail.FreshAddress("refuse-x");
        var refused = Mail.To(refusedAddress);
        var outbox = Client.OutboxFor(refused);
        var address = Mail.FreshAddress();
        var next = Mail.To(address, Mail.KeyInShard(outbox.GetPrimaryKeyString()));
        var rejectedBefore = fixture.Outbox.Sender.Rejected;

        Assert.True(await outbox.EnqueueAsync(refused));
        Assert.True(await outbox.EnqueueAsync(next));

        await Smtp.WaitForMessagesToAsync(address, 1, Deadline, $"the message after the refused one reaching {address}");
        await Eventually.ReturnsAsync(() => outbox.GetPendingCountAsync(), n => n == 0, Deadline, "the outbox emptying");
        Assert.True(fixture.Outbox.Sender.Rejected > rejectedBefore);
        Assert.DoesNotContain(await Smtp.MessagesAsync(), m => m.To.Contains(refusedAddress));
        Assert.False(await outbox.EnqueueAsync(refused), "a dropped message counts as handled");
    }

    [Fact]
    public async Task A_recipient_the_server_defers_stays_pending_while_later_mail_goes_out()
    {
        var deferred = Mail.To(Mail.FreshAddress("defer-x"));
        var outbox = Client.OutboxFor(deferred);
        var address = Mail.FreshAddress();
        var next = Mail.To(address, Mail.KeyInShard(outbox.GetPrimaryKeyString()));
        var deferredBefore = fixture.Outbox.Sender.Deferred;

        Assert.True(await outbox.EnqueueAsync(deferred));
        Assert.True(await outbox.EnqueueAsync(next));

        await Smtp.WaitForMessagesToAsync(address, 1, Deadline, $"the message after the deferred one reaching {address}");
        await Eventually.ReturnsAsync(() => Task.FromResult(fixture.Outbox.Sender.Deferred), n => n > deferredBefore + 1, Deadline, "the deferred message being tried again");
        Assert.Equal(1, await outbox.GetPendingCountAsync());
    }

    [Fact]
    public async Task A_message_offered_to_the_wrong_shard_is_refused()
    {
        var message = Mail.To(Mail.FreshAddress());
        var owner = NotificationOutboxShards.KeyFor(message.DedupKey);
        var other = NotificationOutboxShards.AllKeys.First(k => k != owner);

        await Assert.ThrowsAsync<ArgumentException>(() => Client.GetGrain<INotificationOutboxGrain>(other).EnqueueAsync(message));
    }
}
