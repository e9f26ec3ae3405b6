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
/// </summary>
public static class TykExportBuilder
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Build(ImmutableArray<GatewayIssuerGroup> groups, GatewayOptions options)
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

        return new JsonObject { ["api_definitions"] = definitions, ["scope_conflicts"] = conflicts }.ToJsonString(Indented);
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
