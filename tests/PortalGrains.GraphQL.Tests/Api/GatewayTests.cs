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
}
