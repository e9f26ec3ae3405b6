using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Portal;

[Collection(PortalCollection.Name)]
public sealed class PortalFlowTests(PortalHost host)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_developer_gets_credentials_whose_token_carries_the_product_and_plan_scopes_and_a_second_product_updates_the_same_client()
    {
        var idp = DevIdentityProvider.Shared;
        var portal = new PortalScenario(host, idp);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var orders = await portal.CreateProductAsync(admin, "orders", "orders.read");
        var billing = await portal.CreateProductAsync(admin, "billing", "billing.read");
        var gold = await portal.CreatePlanAsync(admin, "gold", autoApprove: false, "plan.gold");
        var ada = await portal.DeveloperTokenAsync("ada");
        var bob = await portal.DeveloperTokenAsync("bob");

        var (requestId, applicationId) = await portal.CheckoutAsync(ada, orders, gold);

        // Another developer sees neither the application nor the request, by any path.
        var bobView = await portal.GraphQL.SendAsync("""
            query($app: ID!, $req: ID!) { application(id: $app) { id } accessRequest(id: $req) { id } viewer { applications { id } accessRequests { id } } }
            """, new { app = applicationId, req = requestId }, bob);
        Assert.False(bobView.HasErrors, bobView.ToString());
        Assert.Equal(JsonValueKind.Null, bobView.At("application").ValueKind);
        Assert.Equal(JsonValueKind.Null, bobView.At("accessRequest").ValueKind);
        Assert.Equal(0, bobView.At("viewer.applications").GetArrayLength());
        Assert.Equal(0, bobView.At("viewer.accessRequests").GetArrayLength());

        // The admin finds the request among the pending ones and approves it.
        Assert.Contains(requestId, await PendingRequestIdsAsync(portal, admin));
        var approved = await portal.ApproveAsync(admin, requestId);
        Assert.Equal("ACTIVE", approved.GetProperty("status").GetString());

        // The owner reads the credentials and gets a token at the IdP with the product and plan scopes.
        var credentials = Assert.Single((await portal.CredentialsAsync(ada, applicationId)).GetProperty("credentials").EnumerateArray());
        var clientId = credentials.GetProperty("clientId").GetString()!;
        var secret = credentials.GetProperty("clientSecret").GetString()!;
        Assert.Equal(idp.TokenEndpoint.ToString(), credentials.GetProperty("tokenEndpoint").GetString());
        var (status, token) = await idp.ClientCredentialsAsync(clientId, secret, $"{portal.Scope("orders.read")} {portal.Scope("plan.gold")}");
        Assert.Equal(200, status);
        Assert.Equal(
            new[] { portal.Scope("orders.read"), portal.Scope("plan.gold") }.Order(),
            DevIdentityProvider.ScopesOf(token.GetProperty("access_token").GetString()!).Order());

        // An admin sees the credentials without the secret.
        var adminCredentials = Assert.Single((await portal.CredentialsAsync(admin, applicationId)).GetProperty("credentials").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, adminCredentials.GetProperty("clientSecret").ValueKind);

        // A second product for the same application updates the same client.
        var (secondRequest, sameApplication) = await portal.CheckoutAsync(ada, billing, gold, applicationId);
        Assert.Equal(applicationId, sameApplication);
        Assert.Equal("ACTIVE", (await portal.ApproveAsync(admin, secondRequest)).GetProperty("status").GetString());

        // Still one client at the IdP, the same one, now registered with both products' scopes (an RFC 7592 update).
        var atIdp = Assert.Single(await idp.ClientsOfApplicationAsync(applicationId));
        Assert.Equal(clientId, atIdp.GetProperty("client_id").GetString());
        Assert.Contains(portal.Scope("billing.read"), atIdp.GetProperty("scope").GetString()!.Split(' '));
        Assert.Contains(portal.Scope("orders.read"), atIdp.GetProperty("scope").GetString()!.Split(' '));
        var updated = Assert.Single((await portal.CredentialsAsync(ada, applicationId)).GetProperty("credentials").EnumerateArray());
        Assert.Equal(clientId, updated.GetProperty("clientId").GetString());
        var (status2, token2) = await idp.ClientCredentialsAsync(clientId, secret, $"{portal.Scope("orders.read")} {portal.Scope("billing.read")}");
        Assert.Equal(200, status2);
        Assert.Contains(portal.Scope("billing.read"), DevIdentityProvider.ScopesOf(token2.GetProperty("access_token").GetString()!));
    }

    private static async Task<List<string>> PendingRequestIdsAsync(PortalScenario portal, string admin)
    {
        var ids = new List<string>();
        string? after = null;
        do
        {
            var page = await portal.GraphQL.SendAsync("""
                query($after: String) { accessRequests(status: PENDING, first: 50, after: $after) { nodes { id status } totalCount pageInfo { hasNextPage endCursor } } }
                """, new { after }, admin);
            foreach (var node in page.At("accessRequests.nodes").EnumerateArray())
            {
                Assert.Equal("PENDING", node.GetProperty("status").GetString());
                ids.Add(node.GetProperty("id").GetString()!);
            }

            after = page.At("accessRequests.pageInfo.hasNextPage").GetBoolean() ? page.At("accessRequests.pageInfo.endCursor").GetString() : null;
        }
        while (after is not null);
        return ids;
    }

    [Fact]
    public async Task Twenty_concurrent_approvals_of_one_request_make_one_client()
    {
        var idp = DevIdentityProvider.Shared;
        var portal = new PortalScenario(host, idp);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "concurrent", "c.read");
        var plan = await portal.CreatePlanAsync(admin, "basic", autoApprove: false, "plan.basic");
        var dev = await portal.DeveloperTokenAsync("carol");
        var (requestId, applicationId) = await portal.CheckoutAsync(dev, product, plan);

        var approvals = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => portal.ApproveAsync(admin, requestId)));

        Assert.All(approvals, a => Assert.Equal("ACTIVE", a.GetProperty("status").GetString()));
        Assert.Single(await idp.ClientsOfApplicationAsync(applicationId));
    }

    [Fact]
    public async Task A_bad_redirect_uri_is_a_user_error_and_nothing_is_stored()
    {
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "web", "w.read");
        var plan = await portal.CreatePlanAsync(admin, "free", autoApprove: false, "plan.free");
        var dev = await portal.DeveloperTokenAsync("dave");

        foreach (var uri in new[] { "javascript:alert(1)", "http://example.com/cb", "https://example.com/cb#frag", "https://*.example.com/cb", "/relative" })
        {
            var response = await portal.GraphQL.SendAsync(PortalScenario.CheckoutMutation, new
            {
                input = new { productId = product, planId = plan, clientTypeId = "web", newApplication = new { name = "Web app" }, redirectUris = new[] { uri } },
            }, dev);
            var payload = response.At("checkout");
            Assert.Equal(JsonValueKind.Null, payload.GetProperty("accessRequest").ValueKind);
            var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
            Assert.Equal("INVALID_REDIRECT_URI", error.GetProperty("code").GetString());
            Assert.Equal("redirectUris", error.GetProperty("field")[1].GetString());
        }

        var missing = await portal.GraphQL.SendAsync(PortalScenario.CheckoutMutation, new
        {
            input = new { productId = product, planId = plan, clientTypeId = "web", newApplication = new { name = "Web app" } },
        }, dev);
        Assert.NotEqual(0, missing.At("checkout.errors").GetArrayLength());

        var viewer = await portal.GraphQL.SendAsync("{ viewer { applications { id } accessRequests { id } } }", token: dev);
        Assert.Equal(0, viewer.At("viewer.applications").GetArrayLength());
        Assert.Equal(0, viewer.At("viewer.accessRequests").GetArrayLength());
    }
}
