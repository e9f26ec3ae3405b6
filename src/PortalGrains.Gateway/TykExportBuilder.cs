using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using PortalGrains.Abstractions.Gateway;

namespace PortalGrains.Gateway;

/// <summary>
/// Tyk Classic API definition fragments for JWT authentication, one per issuer, to merge into the definitions of the
/// APIs the portal's products front. Field names and semantics are Tyk's ("JSON Web Tokens" in the Tyk Gateway API
/// definition reference, and "JWT Authorization": scope to policy mapping):
/// <list type="bullet">
/// <item><c>jwt_source</c> is the issuer's JWKS URL (Tyk 2.x and later fetch and cache it; older versions took it base64-encoded).</item>
/// <item><c>jwt_skip_kid</c> is on: otherwise Tyk takes the <c>kid</c> header as the session identity, and every client of an
/// issuer would share one session (and one rate limit).</item>
/// <item><c>jwt_identity_base_field</c> is <c>client_id</c>; Tyk falls back to <c>sub</c> when a token has none.</item>
/// <item><c>jwt_scope_to_policy_mapping</c> maps one scope to one policy id; <c>jwt_default_policies</c> must name at least
/// one policy for the mapping to apply.</item>
/// </list>
/// Tyk maps a scope to a single policy: when the catalogue gives a scope several policies, the first (products before
/// plans, by id) is mapped and the scope is listed under <c>scope_conflicts</c>.
/// <para>
/// <c>policies</c> holds one Tyk security policy fragment per plan policy, to merge into the policy of that id: the plan's
/// rate limit as <c>rate</c> requests per <c>per</c> seconds and its quota as <c>quota_max</c> requests renewed every
/// <c>quota_renewal_rate</c> seconds ("Security Policies" in the Tyk documentation). A plan without limits gets no limit
/// fields. When plans with different limits share a policy, the first plan's (by id) are exported and the policy is
/// listed under <c>limit_conflicts</c>.
/// </para>
/// </summary>
public static class TykExportBuilder
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Build(ImmutableArray<GatewayIssuerGroup> groups, ImmutableArray<ScopePolicy> scopePolicies, GatewayOptions options)
    {
        var definitions = new JsonArray();
        var conflicts = new JsonArray();
        foreach (var group in groups)
        {
            var (mapping, groupConflicts) = MappingOf(group.ScopePolicies);
            foreach (var conflict in groupConflicts)
            {
                conflicts.Add(conflict);
            }

            var skewSeconds = (long)options.ClockSkew.TotalSeconds;
            definitions.Add(new JsonObject
            {
                ["issuer"] = group.Issuer,
                ["provider_ids"] = Array(group.ProviderIds),
                ["definition"] = new JsonObject
                {
                    ["use_keyless"] = false,
                    ["enable_jwt"] = true,
                    ["jwt_signing_method"] = options.TykSigningMethod,
                    ["jwt_source"] = group.JwksUri,
                    ["jwt_skip_kid"] = true,
                    ["jwt_identity_base_field"] = "client_id",
                    ["jwt_policy_field_name"] = "pol",
                    ["jwt_scope_claim_name"] = "scope",
                    ["jwt_scope_to_policy_mapping"] = mapping,
                    ["jwt_default_policies"] = new JsonArray(options.TykDefaultPolicyId),
                    ["jwt_expires_at_validation_skew"] = skewSeconds,
                    ["jwt_not_before_validation_skew"] = skewSeconds,
                    ["jwt_issued_at_validation_skew"] = skewSeconds,
                },
            });
        }

        var (policies, limitConflicts) = PoliciesOf(scopePolicies);
        return new JsonObject
        {
            ["api_definitions"] = definitions,
            ["scope_conflicts"] = conflicts,
            ["policies"] = policies,
            ["limit_conflicts"] = limitConflicts,
        }.ToJsonString(Indented);
    }

    private static (JsonArray Policies, JsonArray Conflicts) PoliciesOf(ImmutableArray<ScopePolicy> scopePolicies)
    {
        var policies = new JsonArray();
        var conflicts = new JsonArray();
        var planPolicies = scopePolicies.Where(p => p.PlanId is not null).GroupBy(p => p.PolicyId, StringComparer.Ordinal);
        foreach (var byPolicy in planPolicies.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var plans = byPolicy.DistinctBy(p => p.PlanId, StringComparer.Ordinal).ToList();
            var first = plans[0];
            var policy = new JsonObject { ["id"] = byPolicy.Key };
            if (first.RateLimit is { } rateLimit)
            {
                policy["rate"] = rateLimit.Requests;
                policy["per"] = rateLimit.PerSeconds;
            }

            if (first.Quota is { } quota)
            {
                policy["quota_max"] = quota.Requests;
                policy["quota_renewal_rate"] = quota.PeriodSeconds;
            }

            var planIds = plans.Select(p => p.PlanId!).ToList();
            policies.Add(new JsonObject { ["policy_id"] = byPolicy.Key, ["plan_ids"] = Array(planIds), ["policy"] = policy });
            if (plans.Any(p => p.RateLimit != first.RateLimit || p.Quota != first.Quota))
            {
                conflicts.Add(new JsonObject
                {
                    ["policy_id"] = byPolicy.Key,
                    ["plan_ids"] = Array(planIds),
                    ["limits_of"] = first.PlanId,
                });
            }
        }

        return (policies, conflicts);
    }

    private static (JsonObject Mapping, List<JsonObject> Conflicts) MappingOf(ImmutableArray<ScopePolicy> policies)
    {
        var mapping = new JsonObject();
        var conflicts = new List<JsonObject>();
        foreach (var byScope in policies.GroupBy(p => p.Scope, StringComparer.Ordinal))
        {
            var policyIds = byScope.Select(p => p.PolicyId).Distinct(StringComparer.Ordinal).ToList();
            mapping[byScope.Key] = policyIds[0];
            if (policyIds.Count > 1)
            {
                conflicts.Add(new JsonObject
                {
                    ["scope"] = byScope.Key,
                    ["policy_ids"] = Array(policyIds),
                    ["mapped_to"] = policyIds[0],
                });
            }
        }

        return (mapping, conflicts);
    }

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
