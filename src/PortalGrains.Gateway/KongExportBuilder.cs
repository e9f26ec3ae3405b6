using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using PortalGrains.Abstractions.Gateway;

namespace PortalGrains.Gateway;

/// <summary>
/// Kong plugin configurations, each in the shape the Admin API and decK accept (<c>name</c>, <c>config</c>, <c>tags</c>),
/// to attach to the services or routes of the portal's products:
/// <list type="bullet">
/// <item>one <c>openid-connect</c> plugin per issuer (Kong "OpenID Connect" plugin reference): <c>issuer</c> is the issuer
/// identifier (Kong discovers the JWKS from it), <c>auth_methods: ["bearer"]</c> with the token in the header,
/// <c>scopes_claim: ["scope"]</c>, and <c>authenticated_groups_claim: ["scope"]</c>, which makes each scope of the token an
/// authenticated group (Kong "Configure OpenID Connect with ACL authorization"); <c>leeway</c> is the clock skew;</item>
/// <item>one <c>acl</c> plugin per gateway policy, allowing the scopes that map to that policy: attach it where the policy
/// applies. <c>always_use_authenticated_groups</c> makes the ACL plugin use those groups even when a consumer is mapped;</item>
/// <item>one <c>rate-limiting</c> plugin per plan with limits (see <see cref="KongRateLimitWindows"/>): its rate limit and
/// quota as two windows of the same plugin, <c>limit_by: consumer</c>, so each consumer the token maps to (a consumer mapped
/// by the <c>openid-connect</c> plugin's <c>consumer_claim</c>, else its virtual credential from <c>credential_claim</c>)
/// has its own counters. Attach it where the plan's policy applies.</item>
/// </list>
/// Audience is left to the operator (<c>audience_required</c>): the portal does not know each API's audience.
/// </summary>
public static class KongExportBuilder
{
    public const string Tag = "portalgrains";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Build(ImmutableArray<GatewayIssuerGroup> groups, ImmutableArray<ScopePolicy> scopePolicies, GatewayOptions options)
    {
        var openIdConnect = new JsonArray();
        foreach (var group in groups)
        {
            openIdConnect.Add(new JsonObject
            {
                ["issuer"] = group.Issuer,
                ["provider_ids"] = Array(group.ProviderIds),
                ["plugin"] = new JsonObject
                {
                    ["name"] = "openid-connect",
                    ["tags"] = Array([Tag]),
                    ["config"] = new JsonObject
                    {
                        ["issuer"] = group.Issuer,
                        ["auth_methods"] = Array(["bearer"]),
                        ["bearer_token_param_type"] = Array(["header"]),
                        ["scopes_claim"] = Array(["scope"]),
                        ["authenticated_groups_claim"] = Array(["scope"]),
                        ["leeway"] = (long)options.ClockSkew.TotalSeconds,
                    },
                },
            });
        }

        var acl = new JsonArray();
        foreach (var byPolicy in scopePolicies.GroupBy(p => p.PolicyId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var scopes = byPolicy.Select(p => p.Scope).Distinct(StringComparer.Ordinal).ToList();
            acl.Add(new JsonObject
            {
                ["policy_id"] = byPolicy.Key,
                ["scopes"] = Array(scopes),
                ["product_ids"] = Array(byPolicy.Select(p => p.ProductId).OfType<string>().Distinct(StringComparer.Ordinal)),
                ["plan_ids"] = Array(byPolicy.Select(p => p.PlanId).OfType<string>().Distinct(StringComparer.Ordinal)),
                ["plugin"] = new JsonObject
                {
                    ["name"] = "acl",
                    ["tags"] = Array([Tag, "policy:" + byPolicy.Key]),
                    ["config"] = new JsonObject
                    {
                        ["allow"] = Array(scopes),
                        ["always_use_authenticated_groups"] = true,
                        ["hide_groups_header"] = true,
                    },
                },
            });
        }

        return new JsonObject
        {
            ["openid_connect"] = openIdConnect,
            ["acl"] = acl,
            ["rate_limiting"] = RateLimitingOf(scopePolicies),
        }.ToJsonString(Indented);
    }

    private static JsonArray RateLimitingOf(ImmutableArray<ScopePolicy> scopePolicies)
    {
        var plugins = new JsonArray();
        foreach (var byPlan in scopePolicies.Where(p => p.PlanId is not null).GroupBy(p => p.PlanId!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var plan = byPlan.First();
            if (KongRateLimitWindows.ConfigOf(plan.RateLimit, plan.Quota) is not { } config)
            {
                continue;
            }

            plugins.Add(new JsonObject
            {
                ["plan_id"] = byPlan.Key,
                ["policy_id"] = plan.PolicyId,
                ["scopes"] = Array(byPlan.Select(p => p.Scope)),
                ["plugin"] = new JsonObject
                {
                    ["name"] = "rate-limiting",
                    ["tags"] = Array([Tag, "plan:" + byPlan.Key, "policy:" + plan.PolicyId]),
                    ["config"] = config,
                },
            });
        }

        return plugins;
    }

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
