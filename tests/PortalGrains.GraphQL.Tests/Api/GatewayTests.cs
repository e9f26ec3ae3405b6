using PortalGrains.GraphQL.Tests.Infrastructure;

namespace PortalGrains.GraphQL.Tests.Api;

[Collection(PortalHostCollection.Name)]
public sealed class GatewayTests(PortalHostFixture portal)
{
    [Fact]
    public async Task A_token_that_no_provider_issued_is_not_valid_and_names_no_application()
    {
        var developer = await LoginIdp.LoginTokenAsync("dev-" + Guid.NewGuid().ToString("N")[..12]);
        var foreign = LoginIdp.SignWithForeignKey(LoginIdp.Claims("client-" + Guid.NewGuid().ToString("N")[..8], audience: "urn:portalgrains:api"));

        var response = await portal.GraphQL.PostAsync(
            "query($token: String!) { verifyToken(token: $token) { valid reason applicationId scopes products { id } plans { id } } }",
            developer, new { token = foreign });

        Assert.True(response.Errors.Count == 0, response.ToString());
        var verification = response.Data.GetProperty("verifyToken");
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.False(string.IsNullOrEmpty(verification.GetProperty("reason").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, verification.GetProperty("applicationId").ValueKind);
    }

    [Fact]
    public async Task Admins_read_the_gateway_configuration_with_its_exports()
    {
        var admin = await LoginIdp.LoginTokenAsync("admin-" + Guid.NewGuid().ToString("N")[..12], scope: "portal:admin");

        var response = await portal.GraphQL.PostAsync("{ gatewayConfig { issuers { providerId issuer jwksUri } scopePolicies { scope policyId } tyk kong } }", admin);

        Assert.True(response.Errors.Count == 0, response.ToString());
        var config = response.Data.GetProperty("gatewayConfig");
        using var tyk = System.Text.Json.JsonDocument.Parse(config.GetProperty("tyk").GetString()!);
        using var kong = System.Text.Json.JsonDocument.Parse(config.GetProperty("kong").GetString()!);
    }

    [Fact]
    public async Task Scope_policies_of_a_plan_carry_its_rate_limit_and_quota()
    {
        var admin = await LoginIdp.LoginTokenAsync("admin-" + Guid.NewGuid().ToString("N")[..12], scope: "portal:admin");
        var limited = "plan-" + Guid.NewGuid().ToString("N")[..12];
        var unlimited = "plan-" + Guid.NewGuid().ToString("N")[..12];
        const string UpsertPlan = "mutation($input: UpsertPlanInput!) { upsertPlan(input: $input) { plan { id } errors { code } } }";
        var upserts = new[]
        {
            await portal.GraphQL.PostAsync(UpsertPlan, admin, new
            {
                input = new
                {
                    id = limited, name = "Gold", scopes = new[] { limited + ":read" }, policyId = "pol-" + limited,
                    rateLimit = new { requests = 100, perSeconds = 60 }, quota = new { requests = 10_000, periodSeconds = 86_400 },
                },
            }),
            await portal.GraphQL.PostAsync(UpsertPlan, admin, new
            {
                input = new { id = unlimited, name = "Free", scopes = new[] { unlimited + ":read" }, policyId = "pol-" + unlimited },
            }),
        };

        var response = await portal.GraphQL.PostAsync(
            "{ gatewayConfig { scopePolicies { scope policyId planId rateLimit { requests perSeconds } quota { requests periodSeconds } } } }", admin);

        Assert.All(upserts, u => Assert.True(u.Errors.Count == 0 && u.Data.GetProperty("upsertPlan").GetProperty("errors").GetArrayLength() == 0, u.ToString()));
        Assert.True(response.Errors.Count == 0, response.ToString());
        var byPlan = response.Data.GetProperty("gatewayConfig").GetProperty("scopePolicies").EnumerateArray()
            .Where(p => p.GetProperty("planId").ValueKind == System.Text.Json.JsonValueKind.String)
            .ToDictionary(p => p.GetProperty("planId").GetString()!);
        var gold = byPlan[limited];
        Assert.Equal(limited + ":read", gold.GetProperty("scope").GetString());
        Assert.Equal("pol-" + limited, gold.GetProperty("policyId").GetString());
        Assert.Equal(100, gold.GetProperty("rateLimit").GetProperty("requests").GetInt32());
        Assert.Equal(60, gold.GetProperty("rateLimit").GetProperty("perSeconds").GetInt32());
        Assert.Equal(10_000, gold.GetProperty("quota").GetProperty("requests").GetInt32());
        Assert.Equal(86_400, gold.GetProperty("quota").GetProperty("periodSeconds").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, byPlan[unlimited].GetProperty("rateLimit").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, byPlan[unlimited].GetProperty("quota").ValueKind);
    }
}
