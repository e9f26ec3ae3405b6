using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Notifications;
using PortalGrains.Grains.Hosting;
using PortalGrains.Grains.Notifications;
using PortalGrains.Testing;

namespace PortalGrains.Grains.Tests.Notifications;

/// <summary>Silos of their own: one whose mail server is not up yet, one with notifications off.</summary>
public sealed class NotificationOutboxOutageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Mail_queued_while_the_server_is_down_is_kept_and_delivered_once_the_server_is_up()
    {
        await using var smtp = SmtpTestServer.Planned();
        await using var cluster = await OutboxCluster.StartAsync(smtp);
        var address = Mail.FreshAddress();
        var message = Mail.To(address);
        var outbox = cluster.Client.OutboxFor(message);

        Assert.True(await outbox.EnqueueAsync(message));
        await Eventually.ReturnsAsync(() => Task.FromResult(cluster.Sender.Deferred), n => n >= 2, Deadline, "two failed attempts to reach the stopped SMTP sink");
        Assert.Equal(1, await outbox.GetPendingCountAsync());
        Assert.Equal(0, cluster.Sender.Accepted);

        await smtp.StartAsync();

        var received = Assert.Single(await smtp.WaitForMessagesToAsync(address, 1, Deadline, $"the message to {address} after the SMTP sink started"));
        Assert.Equal(message.TextBody, received.Text);
        await Eventually.ReturnsAsync(() => outbox.GetPendingCountAsync(), n => n == 0, Deadline, "the outbox emptying");
    }

    [Fact]
    public async Task A_full_outbox_drops_its_oldest_mail_for_new_mail_counts_it_and_delivers_the_rest()
    {
        await using var smtp = SmtpTestServer.Planned();
        await using var cluster = await OutboxCluster.StartAsync(smtp, new Dictionary<string, string?>
        {
            ["Portal:Notifications:MaxPendingPerShard"] = "3",
        });
        var shard = NotificationOutboxShards.KeyFor(Mail.To(Mail.FreshAddress()).DedupKey);
        var addresses = Enumerable.Range(0, 5).Select(_ => Mail.FreshAddress("full")).ToList();
        var outbox = cluster.Client.GetGrain<INotificationOutboxGrain>(shard);

        foreach (var address in addresses)
        {
            Assert.True(await outbox.EnqueueAsync(Mail.To(address, Mail.KeyInShard(shard))));
        }

        Assert.Equal(3, await outbox.GetPendingCountAsync());
        Assert.Equal(2, await outbox.GetDroppedCountAsync());

        await smtp.StartAsync();

        foreach (var address in addresses.Skip(2))
        {
            await smtp.WaitForMessagesToAsync(address, 1, Deadline, $"the message to {address}, one of the newest three");
        }

        await Eventually.ReturnsAsync(() => outbox.GetPendingCountAsync(), n => n == 0, Deadline, "the outbox emptying");
        var received = await smtp.MessagesAsync();
        Assert.DoesNotContain(received, m => m.To.Any(to => addresses.Take(2).Contains(to, StringComparer.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task With_notifications_disabled_nothing_is_queued()
    {
        await using var cluster = await OutboxCluster.StartAsync(SmtpTestServer.Planned(), new Dictionary<string, string?>
        {
            ["Portal:Notifications:Enabled"] = "false",
        });
        var message = Mail.To(Mail.FreshAddress());
        var outbox = cluster.Client.OutboxFor(message);

        Assert.False(await outbox.EnqueueAsync(message));
        Assert.Equal(0, await outbox.GetPendingCountAsync());
    }

    [Theory]
    [InlineData("Portal:Notifications:PortalUrl", "not a url", "PortalUrl")]
    [InlineData("Portal:Notifications:ApplicationPath", "/apps", "ApplicationPath")]
    [InlineData("Portal:Notifications:Smtp:From", "nobody", "From")]
    [InlineData("Portal:Notifications:Smtp:Port", "0", "Port")]
    public void Invalid_settings_are_reported_by_name(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddPortalNotifications().BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = services.GetRequiredService<IOptions<NotificationOptions>>().Value;
            _ = services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        });
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddPortalNotifications().BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<NotificationOptions>>().Value;
        var smtp = services.GetRequiredService<IOptions<SmtpOptions>>().Value;

        Assert.True(options.Enabled);
        Assert.Equal("http://127.0.0.1:5080", options.PortalUrl);
        Assert.Equal(("127.0.0.1", 1025, "portal@localhost", MailKit.Security.SecureSocketOptions.None), (smtp.Host, smtp.Port, smtp.From, smtp.Security));
        Assert.IsType<MailKitEmailSender>(services.GetRequiredService<IEmailSender>());
    }
}
