using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Gateway;

/// <summary>Provisions a client through the portal's GraphQL API and verifies tokens through it, as a gateway operator would.</summary>
public sealed class GatewayFlow(PortalScenario portal, DevIdentityProvider apiIdp)
{
    public const string VerifyQuery = """
        query($token: String!) {
          verifyToken(token: $token) { valid reason issuer clientId scopes audience expiresAt applicationId products { id } plans { id } }
        }
        """;

    /// <summary>Long enough for a new provider's issuer to reach the silo's issuer directory (Portal:Gateway:UnknownIssuerRefreshInterval).</summary>
    public static readonly TimeSpan IssuerKnown = TimeSpan.FromSeconds(30);

    public PortalScenario Portal => portal;

    /// <summary>Provider, product and plan at <paramref name="apiIdp"/>; a developer checks out and an admin approves.</summary>
    public async Task<ProvisionedClient> ProvisionAsync(string admin)
    {
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "orders", "orders.read");
        var plan = await portal.CreatePlanAsync(admin, "gold", autoApprove: false, "plan.gold");
        var owner = await portal.DeveloperTokenAsync("ada");
        var (requestId, applicationId) = await portal.CheckoutAsync(owner, product, plan);
        var approved = await portal.ApproveAsync(admin, requestId);
        Assert.True(approved.GetProperty("status").GetString() == "ACTIVE", "approval: " + approved);
        var credentials = Assert.Single((await portal.CredentialsAsync(owner, applicationId)).GetProperty("credentials").EnumerateArray());
        return new ProvisionedClient(
            applicationId, product, plan,
            credentials.GetProperty("clientId").GetString()!, credentials.GetProperty("clientSecret").GetString()!,
            portal.Scope("orders.read"), portal.Scope("plan.gold"), owner);
    }

    /// <summary>A client_credentials access token for the client with the given scopes.</summary>
    public async Task<string> AccessTokenAsync(ProvisionedClient client, params string[] scopes)
    {
        var (status, body) = await apiIdp.ClientCredentialsAsync(client.ClientId, client.ClientSecret, string.Join(' ', scopes));
        Assert.True(status == 200, $"token request: {status} {body}");
        return body.GetProperty("access_token").GetString()!;
    }

    public async Task<JsonElement> VerifyAsync(string token, string caller)
    {
        var response = await portal.GraphQL.SendAsync(VerifyQuery, new { token }, caller);
        return response.At("verifyToken");
    }

    /// <summary>
    /// Verifies <paramref name="token"/> until its issuer is known to the silo (a new provider reaches the issuer
    /// directory within Portal:Gateway:UnknownIssuerRefreshInterval), and returns that verdict.
    /// </summary>
    public async Task<JsonElement> VerifyOnceIssuerKnownAsync(string token, string caller) =>
        await Eventually.ReturnsAsync(
            () => VerifyAsync(token, caller),
            v => Reason(v) != "unknown issuer",
            IssuerKnown,
            "the new provider's issuer known to verifyToken");

    public static string? Reason(JsonElement verification) =>
        verification.GetProperty("reason").ValueKind == JsonValueKind.Null ? null : verification.GetProperty("reason").GetString();

    public static IReadOnlyList<string> Ids(JsonElement verification, string field) =>
        [.. verification.GetProperty(field).EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];

    public static IReadOnlyList<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
