using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Providers;

/// <summary>
/// An HTTP_BRIDGE provider end to end through /graphql: the dev bridge (deploy/dev-bridge, Kong Konnect's DCR HTTP
/// integration) registers at a dev IdP of the test's own, and the credentials are checked with real token requests.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class HttpBridgeFlowTests(PortalHost host)
{
    private const string TestConnection = """
        mutation($input: TestProviderConnectionInput!) { testProviderConnection(input: $input) { steps { name succeeded detail } errors { code } } }
        """;

    [Fact]
    public async Task Checkout_approve_scope_change_rotation_and_deletion_work_through_the_bridge()
    {
        await using var idp = await DevIdentityProvider.StartOwnAsync();
        await using var bridge = await DevHttpBridge.StartAsync(idp);
        var portal = new PortalScenario(host, idp);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin, DevProviderInput.HttpBridge(portal.ProviderId, "Bridge " + portal.ProviderId, idp.WellKnownUrl, bridge));

        var check = (await portal.GraphQL.SendAsync(TestConnection, new { input = new { id = portal.ProviderId } }, admin)).Payload("testProviderConnection");
        Assert.All(check.GetProperty("steps").EnumerateArray(), step => Assert.True(step.GetProperty("succeeded").GetBoolean(), step.ToString()));
        Assert.Contains(check.GetProperty("steps").EnumerateArray(), step => step.GetProperty("name").GetString() == "bridgeApiKey");

        var product = await portal.CreateProductAsync(admin, "bridged", "bridged.read");
        var plan = await portal.CreatePlanAsync(admin, "basic", autoApprove: false, "plan.basic");
        var dev = await portal.DeveloperTokenAsync("bea");
        var (requestId, applicationId) = await portal.CheckoutAsync(dev, product, plan);
        Assert.Equal("ACTIVE", (await portal.ApproveAsync(admin, requestId)).GetProperty("status").GetString());
        var first = Credentials(await portal.CredentialsAsync(dev, applicationId));
        Assert.Equal(idp.IssuerText, first.GetProperty("issuer").GetString());
        Assert.Equal(200, await TokenStatusAsync(idp, first, portal.Scope("bridged.read")));

        // a second product at the same provider: the bridge is told with an add_registration event
        var second = await portal.CreateProductAsync(admin, "more", "more.read");
        var (secondRequest, _) = await portal.CheckoutAsync(dev, second, plan, applicationId);
        Assert.Equal("ACTIVE", (await portal.ApproveAsync(admin, secondRequest)).GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("clientId").GetString(), Credentials(await portal.CredentialsAsync(dev, applicationId)).GetProperty("clientId").GetString());
        Assert.Equal(200, await TokenStatusAsync(idp, first, portal.Scope("more.read")));

        var rotated = await portal.GraphQL.SendAsync("""
            mutation($input: RotateSecretInput!) { rotateClientSecret(input: $input) { application { credentials { clientId clientSecret } } errors { code message } } }
            """, new { input = new { applicationId, providerId = portal.ProviderId } }, dev);
        var after = Credentials(rotated.Payload("rotateClientSecret").GetProperty("application"));
        Assert.Equal(first.GetProperty("clientId").GetString(), after.GetProperty("clientId").GetString());
        Assert.Equal(200, await TokenStatusAsync(idp, after, portal.Scope("bridged.read")));
        Assert.Equal(401, await TokenStatusAsync(idp, first, portal.Scope("bridged.read")));

        var deleted = await portal.GraphQL.SendAsync("""
            mutation($input: DeleteInput!) { deleteApplication(input: $input) { deletedId errors { code message } } }
            """, new { input = new { id = applicationId } }, dev);
        Assert.Equal(applicationId, deleted.Payload("deleteApplication").GetProperty("deletedId").GetString());
        Assert.Equal(401, await TokenStatusAsync(idp, after, portal.Scope("bridged.read")));
    }

    [Fact]
    public async Task The_connection_check_reports_a_refused_api_key()
    {
        await using var idp = await DevIdentityProvider.StartOwnAsync();
        await using var bridge = await DevHttpBridge.StartAsync(idp);
        var portal = new PortalScenario(host, idp);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin, DevProviderInput.HttpBridge(portal.ProviderId, "Bridge " + portal.ProviderId, idp.WellKnownUrl, bridge, "not-the-key"));

        var check = (await portal.GraphQL.SendAsync(TestConnection, new { input = new { id = portal.ProviderId } }, admin)).Payload("testProviderConnection");

        var step = Assert.Single(check.GetProperty("steps").EnumerateArray(), s => s.GetProperty("name").GetString() == "bridgeApiKey");
        Assert.False(step.GetProperty("succeeded").GetBoolean());
        Assert.Contains("refused the API key", step.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-key", check.ToString(), StringComparison.Ordinal);
    }

    private static JsonElement Credentials(JsonElement application) =>
        Assert.Single(application.GetProperty("credentials").EnumerateArray());

    private static async Task<int> TokenStatusAsync(DevIdentityProvider idp, JsonElement credentials, string scope) =>
        (await idp.ClientCredentialsAsync(credentials.GetProperty("clientId").GetString()!, credentials.GetProperty("clientSecret").GetString()!, scope)).Status;
}
