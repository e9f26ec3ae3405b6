using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Lifecycle;

[Collection(PortalCollection.Name)]
public sealed class SecretExpiryTests(PortalHost host)
{
    [Fact]
    public async Task An_expiring_secret_is_shown_rotated_before_it_expires_and_the_developer_is_told()
    {
        // An IdP whose secrets live 20 s: the portal rotates at half their lifetime.
        await using var idp = await DevIdentityProvider.StartOwnAsync(new Dictionary<string, string>
        {
            ["CLIENT_SECRET_TTL_SECONDS"] = "20",
            ["CLOCK_TOLERANCE_SECONDS"] = "0",
        });
        var portal = new PortalScenario(host, idp);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "expiring", "exp.read");
        var plan = await portal.CreatePlanAsync(admin, "basic", autoApprove: true, "plan.basic");
        var email = $"jo-{Guid.NewGuid():N}@example.com";
        var dev = await host.LoginIdp.LoginTokenAsync("jo-" + Guid.NewGuid().ToString("N"), email);
        var (_, applicationId) = await portal.CheckoutAsync(dev, product, plan);

        const string query = "query($id: ID!) { application(id: $id) { credentials { clientId clientSecret secretExpiresAt } } }";
        var first = Assert.Single((await portal.GraphQL.SendAsync(query, new { id = applicationId }, dev)).At("application.credentials").EnumerateArray());
        Assert.NotEqual(JsonValueKind.Null, first.GetProperty("secretExpiresAt").ValueKind);
        var firstSecret = first.GetProperty("clientSecret").GetString();

        var rotated = await Eventually.ReturnsAsync(
            async () => Assert.Single((await portal.GraphQL.SendAsync(query, new { id = applicationId }, dev)).At("application.credentials").EnumerateArray()),
            c => c.GetProperty("clientSecret").GetString() != firstSecret,
            TimeSpan.FromSeconds(40),
            "the secret being rotated before it expires");

        var (status, _) = await idp.ClientCredentialsAsync(
            rotated.GetProperty("clientId").GetString()!, rotated.GetProperty("clientSecret").GetString()!, portal.Scope("exp.read"));
        Assert.Equal(200, status);
        var mail = await Eventually.ReturnsAsync(
            async () => (await host.Smtp.MessagesAsync()).Where(m => m.To.Contains(email) && m.Subject.StartsWith("New client secret", StringComparison.Ordinal)).ToList(),
            notices => notices.Count > 0,
            TimeSpan.FromSeconds(30),
            "the secret rotation e-mail");
        var notice = Assert.Single(mail);
        Assert.DoesNotContain(rotated.GetProperty("clientSecret").GetString()!, notice.Text);
    }
}
