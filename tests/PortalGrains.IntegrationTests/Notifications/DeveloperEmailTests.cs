using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Notifications;

/// <summary>The e-mails a developer gets about an access request, read from the real SMTP sink test.sh starts.</summary>
[Collection(PortalCollection.Name)]
public sealed class DeveloperEmailTests(PortalHost host)
{
    private static readonly TimeSpan MailDeadline = TimeSpan.FromSeconds(30);

    private static SmtpTestServer Smtp => SmtpTestServer.Shared;

    [Fact]
    public async Task An_approved_request_mails_the_developer_where_to_read_the_credentials_but_not_the_credentials()
    {
        await Smtp.WaitUntilUpAsync(TimeSpan.FromSeconds(10));
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "mailed", "mailed.read");
        var plan = await portal.CreatePlanAsync(admin, "silver", autoApprove: false, "plan.silver");
        var (developer, address) = await NewDeveloperAsync();
        var (requestId, applicationId) = await portal.CheckoutAsync(developer, product, plan);

        var approved = await portal.ApproveAsync(admin, requestId);
        Assert.Equal("ACTIVE", approved.GetProperty("status").GetString());

        var mail = Assert.Single(await Smtp.WaitForMessagesToAsync(address, 1, MailDeadline, $"the approval e-mail of {requestId} reaching {address}"));
        Assert.Equal("portal@localhost", mail.From);
        Assert.Contains("approved", mail.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(requestId, mail.Text);
        Assert.Contains("/applications/" + applicationId, mail.Text);
        Assert.Contains("credentials", mail.Text);
        Assert.Contains(portal.Scope("mailed.read"), mail.Text);

        var credentials = Assert.Single((await portal.CredentialsAsync(developer, applicationId)).GetProperty("credentials").EnumerateArray());
        var secret = credentials.GetProperty("clientSecret").GetString()!;
        var clientId = credentials.GetProperty("clientId").GetString()!;
        Assert.False(string.IsNullOrEmpty(secret));
        Assert.DoesNotContain(secret, mail.Text);
        Assert.DoesNotContain(secret, mail.Subject);
        Assert.DoesNotContain(clientId, mail.Text);
    }

    [Fact]
    public async Task A_rejected_request_mails_the_developer_the_reason()
    {
        await Smtp.WaitUntilUpAsync(TimeSpan.FromSeconds(10));
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "declined", "declined.read");
        var plan = await portal.CreatePlanAsync(admin, "bronze", autoApprove: false, "plan.bronze");
        var (developer, address) = await NewDeveloperAsync();
        var (requestId, _) = await portal.CheckoutAsync(developer, product, plan);
        var reason = "Production access needs a signed agreement " + Guid.NewGuid().ToString("N")[..6];

        var rejected = (await portal.GraphQL.SendAsync("""
            mutation($input: DecideInput!) { rejectAccessRequest(input: $input) { accessRequest { id status } errors { code message } } }
            """, new { input = new { id = requestId, reason } }, admin)).Payload("rejectAccessRequest").GetProperty("accessRequest");
        Assert.Equal("REJECTED", rejected.GetProperty("status").GetString());

        var mail = Assert.Single(await Smtp.WaitForMessagesToAsync(address, 1, MailDeadline, $"the rejection e-mail of {requestId} reaching {address}"));
        Assert.Contains("rejected", mail.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(requestId, mail.Text);
        Assert.Contains(reason, mail.Text);
    }

    [Fact]
    public async Task A_request_whose_registration_fails_mails_the_developer_a_short_message_with_a_reference()
    {
        await Smtp.WaitUntilUpAsync(TimeSpan.FromSeconds(10));
        // An own IdP instance: its faults touch no other test.
        await using var idp = await DevIdentityProvider.StartOwnAsync();
        var portal = new PortalScenario(host, idp);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "broken", "broken.read");
        var plan = await portal.CreatePlanAsync(admin, "basic", autoApprove: false, "plan.basic");
        var (developer, address) = await NewDeveloperAsync();
        var (requestId, _) = await portal.CheckoutAsync(developer, product, plan);

        // A 400 answer to the registration is permanent: the request ends FAILED.
        await idp.InjectFaultsAsync(new { registrationStatus = 400, count = 100 });
        await portal.ApproveAsync(admin, requestId);
        var status = await Eventually.ReturnsAsync(
            async () => (await portal.GraphQL.SendAsync("query($id: ID!) { accessRequest(id: $id) { status } }", new { id = requestId }, admin))
                .At("accessRequest.status").GetString(),
            s => s == "FAILED",
            TimeSpan.FromSeconds(60),
            $"request {requestId} ending FAILED");
        Assert.Equal("FAILED", status);

        var mail = Assert.Single(await Smtp.WaitForMessagesToAsync(address, 1, MailDeadline, $"the failure e-mail of {requestId} reaching {address}"));
        Assert.Contains("could not be completed", mail.Subject);
        Assert.Contains(requestId, mail.Text);
        Assert.Contains("Reference: ", mail.Text);
        // The identity provider's own error is for admins only.
        Assert.DoesNotContain("injected fault", mail.Text);
    }

    private async Task<(string Token, string Address)> NewDeveloperAsync()
    {
        var sub = "mail-" + Guid.NewGuid().ToString("N")[..12];
        var address = sub + "@example.com";
        return (await host.LoginIdp.LoginTokenAsync(sub, address), address);
    }
}
