using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Portal;

[Collection(PortalCollection.Name)]
public sealed class ProvisioningFaultTests(PortalHost host)
{
    [Fact]
    public async Task Three_injected_503s_on_registration_still_end_active_with_one_client()
    {
        // An own IdP instance: its faults touch no other test.
        await using var idp = await DevIdentityProvider.StartOwnAsync();
        var portal = new PortalScenario(host, idp);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "faulty", "f.read");
        var plan = await portal.CreatePlanAsync(admin, "basic", autoApprove: false, "plan.basic");
        var dev = await portal.DeveloperTokenAsync("erin");
        var (requestId, applicationId) = await portal.CheckoutAsync(dev, product, plan);

        await idp.InjectFaultsAsync(new { registrationStatus = 503, count = 3 });
        var approved = await portal.ApproveAsync(admin, requestId);

        var status = await Eventually.ReturnsAsync(
            async () => (await portal.GraphQL.SendAsync("query($id: ID!) { accessRequest(id: $id) { status } }", new { id = requestId }, admin))
                .At("accessRequest.status").GetString(),
            s => s == "ACTIVE",
            TimeSpan.FromSeconds(60),
            $"request {requestId} becoming ACTIVE (approve answered {approved})");
        Assert.Equal("ACTIVE", status);
        Assert.Single(await idp.ClientsOfApplicationAsync(applicationId));
        var credentials = Assert.Single((await portal.CredentialsAsync(dev, applicationId)).GetProperty("credentials").EnumerateArray());
        var (tokenStatus, _) = await idp.ClientCredentialsAsync(
            credentials.GetProperty("clientId").GetString()!, credentials.GetProperty("clientSecret").GetString()!, portal.Scope("f.read"));
        Assert.Equal(200, tokenStatus);
    }
}
