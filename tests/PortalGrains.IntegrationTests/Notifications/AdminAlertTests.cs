using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Notifications;

/// <summary>
/// Admins are alerted to new PENDING requests in batches: an own portal host with an admin address and a short alert
/// interval. In the portal collection so that the host does not compete with its tests for the machine.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AdminAlertTests
{
    [Fact]
    public async Task Admins_get_one_mail_per_interval_listing_the_requests_still_pending()
    {
        var adminAddress = $"ops-{Guid.NewGuid():N}@example.com";
        var host = new PortalHost
        {
            ExtraEnvironment = new Dictionary<string, string>
            {
                ["Portal__Notifications__AdminEmails__0"] = adminAddress,
                ["Portal__Notifications__AdminAlertInterval"] = "00:00:05",
            },
        };
        try
        {
            await host.InitializeAsync();
            var portal = new PortalScenario(host, DevIdentityProvider.Shared);
            var admin = await portal.AdminTokenAsync();
            await portal.CreateProviderAsync(admin);
            var product = await portal.CreateProductAsync(admin, "alerted", "alerted.read");
            var plan = await portal.CreatePlanAsync(admin, "manual", autoApprove: false, "plan.manual");
            var automatic = await portal.CreatePlanAsync(admin, "automatic", autoApprove: true, "plan.automatic");
            var developer = await portal.DeveloperTokenAsync("alert-dev");

            // The first request is alerted at once; the next ones wait for the interval and come in one mail.
            var (first, _) = await portal.CheckoutAsync(developer, product, plan);
            var firstMail = Assert.Single(await host.Smtp.WaitForMessagesToAsync(adminAddress, 1, TimeSpan.FromSeconds(30), "the first alert"));
            Assert.Contains(first, firstMail.Text);
            var (approvedAtOnce, _) = await portal.CheckoutAsync(developer, product, automatic);
            var (second, _) = await portal.CheckoutAsync(developer, product, plan);
            var (third, _) = await portal.CheckoutAsync(developer, product, plan);

            var mails = await host.Smtp.WaitForMessagesToAsync(adminAddress, 2, TimeSpan.FromSeconds(30), "the second alert");
            Assert.Equal(2, mails.Count);
            var secondMail = mails.Single(m => m.MessageId != firstMail.MessageId);
            Assert.Equal("2 new access requests", secondMail.Subject);
            Assert.Contains(second, secondMail.Text);
            Assert.Contains(third, secondMail.Text);
            Assert.DoesNotContain(first, secondMail.Text);
            Assert.DoesNotContain(approvedAtOnce, secondMail.Text);
            Assert.Contains("alerted", secondMail.Text);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
