using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;
using static PortalGrains.IntegrationTests.Gateway.GatewayFlow;

namespace PortalGrains.IntegrationTests.Gateway;

[Collection(PortalCollection.Name)]
public sealed class GatewayConfigTests(PortalHost host)
{
    private const string Query = """
        { gatewayConfig { issuers { providerId issuer jwksUri } scopePolicies { scope policyId productId planId } tyk kong } }
        """;

    [Fact]
    public async Task An_admin_gets_the_issuer_the_scope_policies_and_tyk_and_kong_mappings_the_catalogue_defines()
    {
        // An own IdP, so that its issuer belongs to this test's provider alone.
        await using var idp = await DevIdentityProvider.StartOwnAsync();
        var portal = new PortalScenario(host, idp);
        var suffix = portal.Scope("x")[2..];
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "orders", "orders.read", "orders.write");
        var plan = await portal.CreatePlanAsync(admin, "gold", autoApprove: false, "plan.gold");
        var (productPolicy, planPolicy) = ($"policy-orders-{suffix}", $"plan-gold-{suffix}");
        var jwksUri = await JwksUriAsync(idp);

        var config = (await portal.GraphQL.SendAsync(Query, token: admin)).At("gatewayConfig");

        var issuer = Assert.Single(config.GetProperty("issuers").EnumerateArray(), i => i.GetProperty("providerId").GetString() == portal.ProviderId);
        Assert.Equal(idp.IssuerText, issuer.GetProperty("issuer").GetString());
        Assert.Equal(jwksUri, issuer.GetProperty("jwksUri").GetString());

        var policies = config.GetProperty("scopePolicies").EnumerateArray()
            .Select(p => (Scope: p.GetProperty("scope").GetString(), Policy: p.GetProperty("policyId").GetString(),
                Product: p.GetProperty("productId").GetString(), Plan: p.GetProperty("planId").GetString()))
            .ToList();
        Assert.Contains((portal.Scope("orders.read"), productPolicy, product, null), policies);
        Assert.Contains((portal.Scope("orders.write"), productPolicy, product, null), policies);
        Assert.Contains((portal.Scope("plan.gold"), planPolicy, null, plan), policies);

        using var tyk = JsonDocument.Parse(config.GetProperty("tyk").GetString()!);
        var tykApi = Assert.Single(
            tyk.RootElement.GetProperty("api_definitions").EnumerateArray(), d => d.GetProperty("issuer").GetString() == idp.IssuerText);
        Assert.Equal([portal.ProviderId], Strings(tykApi.GetProperty("provider_ids")));
        var definition = tykApi.GetProperty("definition");
        Assert.True(definition.GetProperty("enable_jwt").GetBoolean());
        Assert.Equal(jwksUri, definition.GetProperty("jwt_source").GetString());
        var mapping = definition.GetProperty("jwt_scope_to_policy_mapping");
        Assert.Equal(productPolicy, mapping.GetProperty(portal.Scope("orders.read")).GetString());
        Assert.Equal(productPolicy, mapping.GetProperty(portal.Scope("orders.write")).GetString());
        Assert.Equal(planPolicy, mapping.GetProperty(portal.Scope("plan.gold")).GetString());

        using var kong = JsonDocument.Parse(config.GetProperty("kong").GetString()!);
        var oidc = Assert.Single(
            kong.RootElement.GetProperty("openid_connect").EnumerateArray(), o => o.GetProperty("issuer").GetString() == idp.IssuerText);
        Assert.Equal("openid-connect", oidc.GetProperty("plugin").GetProperty("name").GetString());
        Assert.Equal(idp.IssuerText, oidc.GetProperty("plugin").GetProperty("config").GetProperty("issuer").GetString());
        var acl = kong.RootElement.GetProperty("acl").EnumerateArray().ToDictionary(a => a.GetProperty("policy_id").GetString()!);
        Assert.Equal(
            [portal.Scope("orders.read"), portal.Scope("orders.write")],
            Strings(acl[productPolicy].GetProperty("plugin").GetProperty("config").GetProperty("allow")));
        Assert.Equal([portal.Scope("plan.gold")], Strings(acl[planPolicy].GetProperty("plugin").GetProperty("config").GetProperty("allow")));
    }

    [Fact]
    public async Task A_developer_is_refused_the_gateway_configuration()
    {
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);

        var response = await portal.GraphQL.SendAsync(Query, token: await portal.DeveloperTokenAsync("mallory"));

        Assert.Contains("FORBIDDEN", response.ErrorCodes);
    }

    private static async Task<string> JwksUriAsync(DevIdentityProvider idp)
    {
        using var http = new HttpClient();
        using var discovery = JsonDocument.Parse(await http.GetStringAsync(idp.WellKnownUrl));
        return discovery.RootElement.GetProperty("jwks_uri").GetString()!;
    }
}
