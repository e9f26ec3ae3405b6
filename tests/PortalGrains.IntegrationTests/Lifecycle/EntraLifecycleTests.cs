using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Lifecycle;

/// <summary>
/// A Microsoft Entra ID provider through /graphql, against a stateful fake of the tenant's discovery, token endpoint and
/// Microsoft Graph (Entra cannot run here): an application's whole life, checked in what the tenant holds and with real
/// token requests at the tenant's token endpoint.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class EntraLifecycleTests(PortalHost host)
{
    private const string GraceRotation = """
        mutation($input: RotateSecretInput!) { rotateClientSecret(input: $input) { application { credentials { clientId clientSecret } } errors { code message } } }
        """;

    [Fact]
    public async Task An_entra_application_is_registered_rescoped_rotated_with_grace_and_deleted_through_graph()
    {
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        await using var tenant = EntraTenantFake.Start(portal.Scope("orders.read"), portal.Scope("orders.write"), portal.Scope("plan.gold"));
        var admin = await portal.AdminTokenAsync();
        await CreateEntraProviderAsync(portal, admin, tenant);
        var steps = (await portal.GraphQL.SendAsync("""
            mutation($input: TestProviderConnectionInput!) { testProviderConnection(input: $input) { steps { name succeeded detail } errors { code } } }
            """, new { input = new { id = portal.ProviderId } }, admin)).Payload("testProviderConnection").GetProperty("steps").EnumerateArray().ToList();
        Assert.All(steps, step => Assert.True(step.GetProperty("succeeded").GetBoolean(), step.ToString()));
        Assert.Contains(steps, step => step.GetProperty("name").GetString() == "vendorApi");

        var reading = await portal.CreateProductAsync(admin, "orders", "orders.read");
        var writing = await portal.CreateProductAsync(admin, "orders-write", "orders.write");
        var gold = await portal.CreatePlanAsync(admin, "gold", autoApprove: false, "plan.gold");
        var developer = await portal.DeveloperTokenAsync("erin");

        // register: approve -> ACTIVE with a client secret that works at the tenant, and a token verifyToken understands
        var (firstRequest, applicationId) = await portal.CheckoutAsync(developer, reading, gold);
        await ApproveUntilActiveAsync(portal, admin, firstRequest);
        var credentials = Assert.Single((await portal.CredentialsAsync(developer, applicationId)).GetProperty("credentials").EnumerateArray());
        var clientId = credentials.GetProperty("clientId").GetString()!;
        var firstSecret = credentials.GetProperty("clientSecret").GetString()!;
        Assert.Equal(tenant.Issuer, credentials.GetProperty("issuer").GetString());
        Assert.Equal(tenant.TokenEndpoint, credentials.GetProperty("tokenEndpoint").GetString());
        Assert.Equal([portal.Scope("orders.read"), portal.Scope("plan.gold")], tenant.AssignedRoles(clientId).Order());
        Assert.Equal($"App {portal.ProviderId["prov-".Length..]} [portal:{applicationId}]", tenant.Application(clientId)!["displayName"]!.GetValue<string>());

        var token = await TokenAsync(tenant, clientId, firstSecret) ?? throw new InvalidOperationException("the first secret was refused");
        var verified = (await portal.GraphQL.SendAsync(
            "query($t: String!) { verifyToken(token: $t) { valid reason clientId scopes applicationId products { id } plans { id } } }",
            new { t = token }, developer)).At("verifyToken");
        Assert.True(verified.GetProperty("valid").GetBoolean(), verified.ToString());
        Assert.Equal(clientId, verified.GetProperty("clientId").GetString());
        Assert.Equal(applicationId, verified.GetProperty("applicationId").GetString());
        Assert.Equal([portal.Scope("orders.read"), portal.Scope("plan.gold")], verified.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Order());
        Assert.Equal([reading], verified.GetProperty("products").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.Equal([gold], verified.GetProperty("plans").EnumerateArray().Select(p => p.GetProperty("id").GetString()));

        // scope change: a second product adds its app role to the same client, revoking it removes the role again
        var (secondRequest, _) = await portal.CheckoutAsync(developer, writing, gold, applicationId);
        await ApproveUntilActiveAsync(portal, admin, secondRequest);
        Assert.Equal([portal.Scope("orders.read"), portal.Scope("orders.write"), portal.Scope("plan.gold")], tenant.AssignedRoles(clientId).Order());
        var revoked = await portal.GraphQL.SendAsync("""
            mutation($input: DecideInput!) { revokeAccessRequest(input: $input) { accessRequest { status } errors { code message } } }
            """, new { input = new { id = secondRequest } }, admin);
        Assert.Equal(0, revoked.Payload("revokeAccessRequest").GetProperty("errors").GetArrayLength());
        await Eventually.AssertAsync(
            () => Task.FromResult(!tenant.AssignedRoles(clientId).Contains(portal.Scope("orders.write"))),
            TimeSpan.FromSeconds(30), "the revoked product's app role leaving the client");
        Assert.Equal([portal.Scope("orders.read"), portal.Scope("plan.gold")], tenant.AssignedRoles(clientId).Order());

        // rotate with a grace period: a second password, the first one works until the grace is over, then it is removed
        var rotated = await portal.GraphQL.SendAsync(GraceRotation, new { input = new { applicationId, providerId = portal.ProviderId, gracePeriodSeconds = 5 } }, developer);
        var after = Assert.Single(rotated.Payload("rotateClientSecret").GetProperty("application").GetProperty("credentials").EnumerateArray());
        var secondSecret = after.GetProperty("clientSecret").GetString()!;
        Assert.Equal(clientId, after.GetProperty("clientId").GetString());
        Assert.NotEqual(firstSecret, secondSecret);
        Assert.Equal(2, tenant.PasswordKeyIds(clientId).Count);
        Assert.NotNull(await TokenAsync(tenant, clientId, secondSecret));
        await Eventually.AssertAsync(
            async () => await TokenAsync(tenant, clientId, firstSecret) is null,
            TimeSpan.FromSeconds(30), "the previous secret being removed after its grace period");
        Assert.Single(tenant.PasswordKeyIds(clientId));
        Assert.NotNull(await TokenAsync(tenant, clientId, secondSecret));
        var operations = (await portal.GraphQL.SendAsync(
            "query($id: ID!) { application(id: $id) { operations { operation clientId outcome } } }", new { id = applicationId }, admin))
            .At("application.operations").EnumerateArray().ToList();
        Assert.Contains(operations, o => o.GetProperty("operation").GetString() == "RevokeSecret" && o.GetProperty("outcome").GetString() == "succeeded"
            && o.GetProperty("clientId").GetString() == clientId);

        // delete: the application leaves the tenant, and its secret stops working
        var deleted = await portal.GraphQL.SendAsync("""
            mutation($input: DeleteInput!) { deleteApplication(input: $input) { deletedId errors { code message } } }
            """, new { input = new { id = applicationId } }, developer);
        Assert.Equal(applicationId, deleted.Payload("deleteApplication").GetProperty("deletedId").GetString());
        await Eventually.AssertAsync(() => Task.FromResult(tenant.ApplicationIds.Count == 0), TimeSpan.FromSeconds(30), "the application deleted at the tenant");
        Assert.Null(await TokenAsync(tenant, clientId, secondSecret));
        Assert.Contains(tenant.Requests, r => r == $"DELETE /v1.0/applications(appId='{clientId}')");
    }

    [Fact]
    public async Task An_entra_provider_without_the_apis_application_id_is_refused_and_nothing_is_stored()
    {
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        await using var tenant = EntraTenantFake.Start("orders.read");
        var admin = await portal.AdminTokenAsync();

        var response = await UpsertAsync(portal, admin, tenant, apiApplicationId: null);

        var payload = response.At("upsertProvider");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("provider").ValueKind);
        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("REQUIRED", error.GetProperty("code").GetString());
        Assert.Equal(["input", "apiApplicationId"], error.GetProperty("field").EnumerateArray().Select(f => f.GetString()));
        var stored = await portal.GraphQL.SendAsync("query($id: ID!) { provider(id: $id) { id } }", new { id = portal.ProviderId }, admin);
        Assert.Equal(JsonValueKind.Null, stored.At("provider").ValueKind);
    }

    private static async Task CreateEntraProviderAsync(PortalScenario portal, string admin, EntraTenantFake tenant)
    {
        var provider = (await UpsertAsync(portal, admin, tenant, tenant.ApiApplicationId)).Payload("upsertProvider").GetProperty("provider");
        Assert.Equal("ENTRA", provider.GetProperty("kind").GetString());
        Assert.Equal(tenant.ApiApplicationId, provider.GetProperty("apiApplicationId").GetString());
        Assert.Equal(tenant.Issuer, provider.GetProperty("discovery").GetProperty("issuer").GetString());
    }

    private static Task<GraphQLResponse> UpsertAsync(PortalScenario portal, string admin, EntraTenantFake tenant, string? apiApplicationId) =>
        portal.GraphQL.SendAsync("""
            mutation($input: UpsertProviderInput!) {
              upsertProvider(input: $input) { provider { id kind apiApplicationId discovery { issuer } } errors { code message field } }
            }
            """,
            new
            {
                input = new
                {
                    id = portal.ProviderId,
                    name = "Entra " + portal.ProviderId,
                    kind = "ENTRA",
                    wellKnownUrl = tenant.WellKnownUrl,
                    registrationEndpoint = tenant.GraphBaseUrl,
                    initialAccessTokenClient = new { clientId = EntraTenantFake.PortalClientId, clientSecret = EntraTenantFake.PortalClientSecret, scope = EntraTenantFake.GraphScope },
                    apiApplicationId,
                    clientTypes = new object[]
                    {
                        new
                        {
                            id = PortalScenario.M2mClientType, name = "Machine to machine", responseTypes = Array.Empty<string>(),
                            grantTypes = new[] { "client_credentials" }, tokenEndpointAuthMethod = "client_secret_post",
                        },
                        new
                        {
                            id = "web", name = "Web application", responseTypes = new[] { "code" },
                            grantTypes = new[] { "authorization_code", "refresh_token" }, tokenEndpointAuthMethod = "client_secret_basic",
                        },
                    },
                },
            },
            admin);

    private static async Task ApproveUntilActiveAsync(PortalScenario portal, string admin, string requestId)
    {
        var approved = await portal.ApproveAsync(admin, requestId);
        await Eventually.ReturnsAsync(
            async () => (await portal.GraphQL.SendAsync("query($id: ID!) { accessRequest(id: $id) { status failureReason } }", new { id = requestId }, admin))
                .At("accessRequest"),
            request => request.GetProperty("status").GetString() == "ACTIVE",
            TimeSpan.FromSeconds(60),
            $"access request {requestId} becoming ACTIVE (approved as {approved})");
    }

    /// <summary>A client_credentials token for the API at the tenant, or null when the tenant refuses the secret.</summary>
    private static async Task<string?> TokenAsync(EntraTenantFake tenant, string clientId, string secret)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(tenant.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = $"api://{tenant.ApiApplicationId}/.default",
        }));
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()
            : null;
    }
}
