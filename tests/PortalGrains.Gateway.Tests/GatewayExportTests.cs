using System.Text.Json;
using System.Text.Json.Nodes;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Gateway;
using static PortalGrains.Gateway.Tests.GatewaySamples;

namespace PortalGrains.Gateway.Tests;

public sealed class GatewayExportTests
{
    private const string IssuerA = "https://a.example";
    private const string IssuerB = "https://b.example/realms/x";

    private static GatewayConfiguration Build(GatewayOptions? options = null) => GatewayConfigurationBuilder.Build(
        Snapshot(
            [
                Product("orders", "idp-a", "pol-orders", true, "orders.read", "orders.write"),
                Product("billing", "idp-b", "pol-billing", true, "billing.read"),
                Product("hidden", "idp-c", "pol-hidden", false, "hidden.read"),
                Product("nopolicy", "idp-a", null, true, "free.read"),
                Product("down", "idp-down", "pol-down", true, "down.read"),
                Product("twin", "idp-a2", "pol-twin", true, "twin.read"),
            ],
            [LimitedPlan("gold", "pol-gold", new RateLimit(100, 60), new Quota(10_000, 86_400), "plan.gold"), Plan("bronze", null, "plan.bronze"), Plan("shared", "pol-shared", "orders.read")]),
        [Provider("idp-a", IssuerA), Provider("idp-a2", IssuerA), Provider("idp-b", IssuerB), Provider("idp-c", "https://c.example"), Provider("idp-down", null)],
        options ?? new GatewayOptions());

    [Fact]
    public void Issuers_are_the_providers_of_published_products_with_discovery()
    {
        var issuers = Build().Issuers;

        Assert.Equal(
            [
                new GatewayIssuer("idp-a", IssuerA, IssuerA + "/jwks"),
                new GatewayIssuer("idp-a2", IssuerA, IssuerA + "/jwks"),
                new GatewayIssuer("idp-b", IssuerB, IssuerB + "/jwks"),
            ],
            issuers.ToArray());
    }

    [Fact]
    public void Scope_policies_list_product_then_plan_scopes_and_leave_out_entries_without_a_policy()
    {
        var policies = Build().ScopePolicies;

        Assert.Contains(new ScopePolicy("orders.read", "pol-orders", "orders", null), policies);
        Assert.Contains(new ScopePolicy("orders.write", "pol-orders", "orders", null), policies);
        Assert.Contains(new ScopePolicy("hidden.read", "pol-hidden", "hidden", null), policies);
        Assert.Contains(new ScopePolicy("plan.gold", "pol-gold", null, "gold", new RateLimit(100, 60), new Quota(10_000, 86_400)), policies);
        Assert.Contains(new ScopePolicy("orders.read", "pol-shared", null, "shared"), policies);
        Assert.DoesNotContain(policies, p => p.Scope is "free.read" or "plan.bronze");
        var firstPlan = policies.ToList().FindIndex(p => p.PlanId is not null);
        Assert.True(policies.Take(firstPlan).All(p => p.ProductId is not null) && policies.Skip(firstPlan).All(p => p.PlanId is not null));
    }

    [Fact]
    public void Tyk_gets_one_jwt_definition_per_issuer_with_the_jwks_url_and_its_scope_to_policy_mapping()
    {
        using var tyk = JsonDocument.Parse(Build(new GatewayOptions { ClockSkew = TimeSpan.FromSeconds(3) }).TykJson);
        var definitions = tyk.RootElement.GetProperty("api_definitions").EnumerateArray().ToList();

        Assert.Equal([IssuerA, IssuerB], definitions.Select(d => d.GetProperty("issuer").GetString()));
        var a = definitions[0];
        Assert.Equal(["idp-a", "idp-a2"], a.GetProperty("provider_ids").EnumerateArray().Select(e => e.GetString()));
        var definition = a.GetProperty("definition");
        Assert.True(definition.GetProperty("enable_jwt").GetBoolean());
        Assert.False(definition.GetProperty("use_keyless").GetBoolean());
        Assert.Equal("rsa", definition.GetProperty("jwt_signing_method").GetString());
        Assert.Equal(IssuerA + "/jwks", definition.GetProperty("jwt_source").GetString());
        Assert.True(definition.GetProperty("jwt_skip_kid").GetBoolean());
        Assert.Equal("client_id", definition.GetProperty("jwt_identity_base_field").GetString());
        Assert.Equal("scope", definition.GetProperty("jwt_scope_claim_name").GetString());
        Assert.Equal(["portal-default"], definition.GetProperty("jwt_default_policies").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, definition.GetProperty("jwt_expires_at_validation_skew").GetInt64());

        // Issuer A: its providers' products (orders, twin) and every plan; not billing, which issuer B's provider serves.
        var mapping = definition.GetProperty("jwt_scope_to_policy_mapping").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["orders.read"] = "pol-orders",
                ["orders.write"] = "pol-orders",
                ["twin.read"] = "pol-twin",
                ["plan.gold"] = "pol-gold",
            },
            mapping);
        var b = definitions[1].GetProperty("definition").GetProperty("jwt_scope_to_policy_mapping");
        Assert.Equal("pol-billing", b.GetProperty("billing.read").GetString());
        Assert.False(b.TryGetProperty("orders.write", out _));
    }

    [Fact]
    public void Tyk_maps_a_scope_with_several_policies_to_the_first_and_reports_the_conflict()
    {
        using var tyk = JsonDocument.Parse(Build().TykJson);

        var conflict = Assert.Single(
            tyk.RootElement.GetProperty("scope_conflicts").EnumerateArray(), c => c.GetProperty("scope").GetString() == "orders.read");
        Assert.Equal(["pol-orders", "pol-shared"], conflict.GetProperty("policy_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("pol-orders", conflict.GetProperty("mapped_to").GetString());
    }

    [Fact]
    public void Kong_gets_an_openid_connect_plugin_per_issuer_and_an_acl_plugin_per_policy()
    {
        using var kong = JsonDocument.Parse(Build(new GatewayOptions { ClockSkew = TimeSpan.FromSeconds(2) }).KongJson);

        var oidc = kong.RootElement.GetProperty("openid_connect").EnumerateArray().ToList();
        Assert.Equal([IssuerA, IssuerB], oidc.Select(o => o.GetProperty("issuer").GetString()));
        var plugin = oidc[1].GetProperty("plugin");
        Assert.Equal("openid-connect", plugin.GetProperty("name").GetString());
        var config = plugin.GetProperty("config");
        Assert.Equal(IssuerB, config.GetProperty("issuer").GetString());
        Assert.Equal(["bearer"], config.GetProperty("auth_methods").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["scope"], config.GetProperty("scopes_claim").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["scope"], config.GetProperty("authenticated_groups_claim").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, config.GetProperty("leeway").GetInt64());

        var acl = kong.RootElement.GetProperty("acl").EnumerateArray().ToDictionary(a => a.GetProperty("policy_id").GetString()!);
        Assert.Equal(["pol-billing", "pol-down", "pol-gold", "pol-hidden", "pol-orders", "pol-shared", "pol-twin"], acl.Keys.Order(StringComparer.Ordinal));
        var orders = acl["pol-orders"];
        Assert.Equal("acl", orders.GetProperty("plugin").GetProperty("name").GetString());
        Assert.Equal(
            ["orders.read", "orders.write"],
            orders.GetProperty("plugin").GetProperty("config").GetProperty("allow").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["orders"], orders.GetProperty("product_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["shared"], acl["pol-shared"].GetProperty("plan_ids").EnumerateArray().Select(e => e.GetString()));
    }

    /// <summary>
    /// Plans with limits: exact windows (gold), a rate limit only (silver), none (free), a policy shared with different
    /// limits (gold-eu), periods that are no Kong window (odd), and a rate limit and quota in the same Kong window (hourly).
    /// </summary>
    private static GatewayConfiguration BuildWithLimits() => GatewayConfigurationBuilder.Build(
        Snapshot(
            [Product("orders", "idp-a", "pol-orders", true, "orders.read")],
            [
                LimitedPlan("silver", "pol-silver", new RateLimit(10, 1), null, "plan.silver"),
                LimitedPlan("gold", "pol-gold", new RateLimit(100, 60), new Quota(10_000, 86_400), "plan.gold", "plan.gold.bulk"),
                LimitedPlan("free", "pol-free", null, null, "plan.free"),
                LimitedPlan("gold-eu", "pol-gold", new RateLimit(50, 1), new Quota(20_000, 2_592_000), "plan.gold.eu"),
                LimitedPlan("odd", "pol-odd", new RateLimit(10, 90), new Quota(5, 172_800), "plan.odd"),
                LimitedPlan("hourly", "pol-hourly", new RateLimit(1_000, 3_600), new Quota(500, 7_200), "plan.hourly"),
            ]),
        [Provider("idp-a", IssuerA)],
        new GatewayOptions());

    [Fact]
    public void Scope_policies_of_plans_carry_the_plan_limits()
    {
        var policies = BuildWithLimits().ScopePolicies;

        Assert.Contains(new ScopePolicy("plan.gold.bulk", "pol-gold", null, "gold", new RateLimit(100, 60), new Quota(10_000, 86_400)), policies);
        Assert.Contains(new ScopePolicy("plan.silver", "pol-silver", null, "silver", new RateLimit(10, 1), null), policies);
        Assert.Contains(new ScopePolicy("plan.free", "pol-free", null, "free", null, null), policies);
        Assert.Contains(new ScopePolicy("orders.read", "pol-orders", "orders", null, null, null), policies);
    }

    [Fact]
    public void Tyk_gets_each_plan_policy_with_its_rate_and_quota_and_the_policies_whose_plans_disagree()
    {
        var tyk = JsonNode.Parse(BuildWithLimits().TykJson)!;

        AssertJson(
            """
            [
              { "policy_id": "pol-free", "plan_ids": ["free"], "policy": { "id": "pol-free" } },
              { "policy_id": "pol-gold", "plan_ids": ["gold", "gold-eu"],
                "policy": { "id": "pol-gold", "rate": 100, "per": 60, "quota_max": 10000, "quota_renewal_rate": 86400 } },
              { "policy_id": "pol-hourly", "plan_ids": ["hourly"],
                "policy": { "id": "pol-hourly", "rate": 1000, "per": 3600, "quota_max": 500, "quota_renewal_rate": 7200 } },
              { "policy_id": "pol-odd", "plan_ids": ["odd"],
                "policy": { "id": "pol-odd", "rate": 10, "per": 90, "quota_max": 5, "quota_renewal_rate": 172800 } },
              { "policy_id": "pol-silver", "plan_ids": ["silver"], "policy": { "id": "pol-silver", "rate": 10, "per": 1 } }
            ]
            """,
            tyk["policies"]);
        AssertJson("""[{ "policy_id": "pol-gold", "plan_ids": ["gold", "gold-eu"], "limits_of": "gold" }]""", tyk["limit_conflicts"]);
    }

    [Fact]
    public void Kong_gets_a_rate_limiting_plugin_per_plan_with_limits_counted_per_consumer()
    {
        var kong = JsonNode.Parse(BuildWithLimits().KongJson)!;

        AssertJson(
            """
            [
              { "plan_id": "gold", "policy_id": "pol-gold", "scopes": ["plan.gold", "plan.gold.bulk"],
                "plugin": { "name": "rate-limiting", "tags": ["portalgrains", "plan:gold", "policy:pol-gold"],
                            "config": { "minute": 100, "day": 10000, "limit_by": "consumer" } } },
              { "plan_id": "gold-eu", "policy_id": "pol-gold", "scopes": ["plan.gold.eu"],
                "plugin": { "name": "rate-limiting", "tags": ["portalgrains", "plan:gold-eu", "policy:pol-gold"],
                            "config": { "second": 50, "month": 20000, "limit_by": "consumer" } } },
              { "plan_id": "hourly", "policy_id": "pol-hourly", "scopes": ["plan.hourly"],
                "plugin": { "name": "rate-limiting", "tags": ["portalgrains", "plan:hourly", "policy:pol-hourly"],
                            "config": { "hour": 250, "limit_by": "consumer" } } },
              { "plan_id": "odd", "policy_id": "pol-odd", "scopes": ["plan.odd"],
                "plugin": { "name": "rate-limiting", "tags": ["portalgrains", "plan:odd", "policy:pol-odd"],
                            "config": { "minute": 2, "day": 2, "limit_by": "consumer" } } },
              { "plan_id": "silver", "policy_id": "pol-silver", "scopes": ["plan.silver"],
                "plugin": { "name": "rate-limiting", "tags": ["portalgrains", "plan:silver", "policy:pol-silver"],
                            "config": { "second": 10, "limit_by": "consumer" } } }
            ]
            """,
            kong["rate_limiting"]);
    }

    [Fact]
    public void Plans_without_limits_export_no_limit_fields()
    {
        var configuration = Build();
        var tyk = JsonNode.Parse(configuration.TykJson)!;
        var kong = JsonNode.Parse(configuration.KongJson)!;

        AssertJson("""{ "policy_id": "pol-shared", "plan_ids": ["shared"], "policy": { "id": "pol-shared" } }""", tyk["policies"]![1]);
        Assert.Equal(["gold"], kong["rate_limiting"]!.AsArray().Select(p => p!["plan_id"]!.GetValue<string>()));
    }

    [Fact]
    public void An_empty_catalogue_gives_empty_exports()
    {
        var configuration = GatewayConfigurationBuilder.Build(Snapshot([], []), [], new GatewayOptions());

        Assert.Empty(configuration.Issuers);
        Assert.Empty(configuration.ScopePolicies);
        using var tyk = JsonDocument.Parse(configuration.TykJson);
        Assert.Equal(0, tyk.RootElement.GetProperty("api_definitions").GetArrayLength());
        using var kong = JsonDocument.Parse(configuration.KongJson);
        Assert.Equal(0, kong.RootElement.GetProperty("acl").GetArrayLength());
        Assert.Equal(0, kong.RootElement.GetProperty("rate_limiting").GetArrayLength());
        Assert.Equal(0, tyk.RootElement.GetProperty("policies").GetArrayLength());
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), actual?.ToJsonString());
}
