using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Notifications;

/// <summary>
/// A mail server that is down delays e-mail but loses none: own portal hosts pointed at an own SMTP sink that is not
/// started until the mail is stored. In the portal collection so that these hosts do not compete with its tests for
/// the machine; they do not use its host.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class MailServerOutageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>The outbox's warning that mail waits for a retry (NotificationsLog.Deferred).</summary>
    private const string DeferredLogLine = "not delivered";

    [Fact]
    public async Task Mail_of_an_approval_while_the_mail_server_is_down_arrives_once_it_is_up()
    {
        await using var smtp = SmtpTestServer.Planned();
        var host = new PortalHost { Smtp = smtp };
        try
        {
            await host.InitializeAsync();
            var (address, requestId) = await ApproveAsync(host);

            await WaitForLogAsync(host, DeferredLogLine, "the outbox failing to reach the stopped SMTP sink");
            Assert.Contains($"127.0.0.1:{smtp.Port}", host.Logs);

            await smtp.StartAsync();
            var mail = Assert.Single(await smtp.WaitForMessagesToAsync(address, 1, Deadline, $"the approval e-mail of {requestId} arriving after the SMTP sink started"));
            Assert.Contains(requestId, mail.Text);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Mail_stored_before_a_restart_is_sent_by_the_restarted_portal()
    {
        await using var smtp = SmtpTestServer.Planned();
        var first = new PortalHost { Smtp = smtp };
        string address;
        string requestId;
        try
        {
            await first.InitializeAsync();
            (address, requestId) = await ApproveAsync(first);
            await WaitForLogAsync(first, DeferredLogLine, "the outbox failing to reach the stopped SMTP sink");
        }
        finally
        {
            await first.DisposeAsync();
        }

        // The same service (same storage), a new process: nothing calls the outbox; silo start resumes it.
        var second = new PortalHost { Smtp = smtp, ServiceId = first.ServiceId };
        try
        {
            await smtp.StartAsync();
            await second.InitializeAsync();
            var mail = Assert.Single(await smtp.WaitForMessagesToAsync(address, 1, Deadline, $"the approval e-mail of {requestId} sent after the restart"));
            Assert.Contains(requestId, mail.Text);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    private static async Task<(string Address, string RequestId)> ApproveAsync(PortalHost host)
    {
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "outage", "outage.read");
        var plan = await portal.CreatePlanAsync(admin, "basic", autoApprove: false, "plan.basic");
        var sub = "outage-" + Guid.NewGuid().ToString("N")[..12];
        var address = sub + "@example.com";
        var developer = await host.LoginIdp.LoginTokenAsync(sub, address);
        var (requestId, _) = await portal.CheckoutAsync(developer, product, plan);
        Assert.Equal("ACTIVE", (await portal.ApproveAsync(admin, requestId)).GetProperty("status").GetString());
        return (address, requestId);
    }

    private static async Task WaitForLogAsync(PortalHost host, string text, string what) =>
        await Eventually.ReturnsAsync(() => Task.FromResult(host.Logs), logs => logs.Contains(text, StringComparison.Ordinal), Deadline, what);
}
