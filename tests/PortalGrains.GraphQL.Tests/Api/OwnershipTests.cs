using PortalGrains.Testing;
using System.Text.Json;
using PortalGrains.GraphQL.Tests.Infrastructure;

namespace PortalGrains.GraphQL.Tests.Api;

/// <summary>
/// One access request from checkout to ACTIVE at the dev IdP, read by its owner, another developer and an admin:
/// who sees what (the client secret for the owner only, nothing for someone else).
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class OwnershipTests(PortalHostFixture portal)
{
    private const string ClientType = "m2m";
    private static readonly string InitialAccessToken = Environment.GetEnvironmentVariable("PG_TEST_IDP_INITIAL_TOKEN") ?? "dev-initial-access-token";

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Owners_see_their_application_with_its_secret_admins_without_it_and_other_developers_nothing()
    {
        var admin = await LoginIdp.LoginTokenAsync("admin-" + _suffix, scope: "portal:admin");
        var owner = await LoginIdp.LoginTokenAsync("owner-" + _suffix, email: "owner@example.com");
        var stranger = await LoginIdp.LoginTokenAsync("stranger-" + _suffix);
        var providerId = await CreateProviderAsync(admin);
        var productId = await PayloadIdAsync(admin, "upsertProduct", "product", """
            mutation($input: UpsertProductInput!) { upsertProduct(input: $input) { product { id } errors { code message field } } }
            """, new { input = new { name = "Orders " + _suffix, dcrEnabled = true, providerId, scopes = new[] { "orders:" + _suffix }, clientTypeIds = new[] { ClientType } } });
        var planId = await PayloadIdAsync(admin, "upsertPlan", "plan", """
            mutation($input: UpsertPlanInput!) { upsertPlan(input: $input) { plan { id } errors { code message field } } }
            """, new { input = new { name = "Free " + _suffix, scopes = new[] { "free:" + _suffix } } });

        var catalogue = await portal.GraphQL.PostAsync(
            "query($id: ID!) { product(id: $id) { provider { id } clientTypes { id } } }", variables: new { id = productId });
        Assert.Equal(JsonValueKind.Null, catalogue.Data.GetProperty("product").GetProperty("provider").ValueKind);
        Assert.Equal(ClientType, catalogue.Data.GetProperty("product").GetProperty("clientTypes")[0].GetProperty("id").GetString());

        var checkout = await portal.GraphQL.PostAsync("""
            mutation($input: CheckoutInput!) {
              checkout(input: $input) { accessRequest { id status application { id ownerId } } errors { code message field } }
            }
            """, owner, new { input = new { productId, planId, clientTypeId = ClientType, newApplication = new { name = "App " + _suffix } } });
        var request = Payload(checkout, "checkout").GetProperty("accessRequest");
        var requestId = request.GetProperty("id").GetString()!;
        var applicationId = request.GetProperty("application").GetProperty("id").GetString()!;
        Assert.Equal("PENDING", request.GetProperty("status").GetString());

        var ownerApproving = await portal.GraphQL.PostAsync(
            "mutation($id: ID!) { approveAccessRequest(input: { id: $id }) { errors { code } } }", owner, new { id = requestId });
        Assert.Equal(["FORBIDDEN"], ownerApproving.ErrorCodes);

        var approved = await portal.GraphQL.PostAsync(
            "mutation($id: ID!) { approveAccessRequest(input: { id: $id }) { accessRequest { status failureReason } errors { code message } } }",
            admin, new { id = requestId });
        Payload(approved, "approveAccessRequest");
        await Eventually.ReturnsAsync(
            async () => (await portal.GraphQL.PostAsync("query($id: ID!) { accessRequest(id: $id) { status } }", owner, new { id = requestId }))
                .Data.GetProperty("accessRequest").GetProperty("status").GetString(),
            status => status == "ACTIVE",
            TimeSpan.FromSeconds(60),
            "the access request becoming ACTIVE");

        const string ApplicationQuery = """
            query($app: ID!, $request: ID!) {
              application(id: $app) { id ownerId credentials { providerId clientId clientSecret scopes } accessRequests { id } }
              accessRequest(id: $request) { id status developerId history { from to actor } application { id } product { id } plan { id } }
            }
            """;
        var asOwner = await portal.GraphQL.PostAsync(ApplicationQuery, owner, new { app = applicationId, request = requestId });
        var asAdmin = await portal.GraphQL.PostAsync(ApplicationQuery, admin, new { app = applicationId, request = requestId });
        var asStranger = await portal.GraphQL.PostAsync(ApplicationQuery, stranger, new { app = applicationId, request = requestId });

        Assert.True(asOwner.Errors.Count == 0 && asAdmin.Errors.Count == 0 && asStranger.Errors.Count == 0, $"{asOwner} {asAdmin} {asStranger}");
        var ownerCredentials = Assert.Single(asOwner.Data.GetProperty("application").GetProperty("credentials").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(ownerCredentials.GetProperty("clientSecret").GetString()));
        Assert.Equal(providerId, ownerCredentials.GetProperty("providerId").GetString());
        var adminCredentials = Assert.Single(asAdmin.Data.GetProperty("application").GetProperty("credentials").EnumerateArray());
        Assert.Equal(ownerCredentials.GetProperty("clientId").GetString(), adminCredentials.GetProperty("clientId").GetString());
        Assert.Equal(JsonValueKind.Null, adminCredentials.GetProperty("clientSecret").ValueKind);
        Assert.Equal(JsonValueKind.Null, asStranger.Data.GetProperty("application").ValueKind);
        Assert.Equal(JsonValueKind.Null, asStranger.Data.GetProperty("accessRequest").ValueKind);
        var history = asOwner.Data.GetProperty("accessRequest").GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()).ToList();
        Assert.Equal("PENDING", history[0]);
        Assert.Equal("ACTIVE", history[^1]);
        Assert.Equal(productId, asOwner.Data.GetProperty("accessRequest").GetProperty("product").GetProperty("id").GetString());

        var strangerRevoking = await portal.GraphQL.PostAsync(
            "mutation($id: ID!) { revokeAccessRequest(input: { id: $id }) { errors { code } } }", stranger, new { id = requestId });
        Assert.Equal("NOT_FOUND", Payload(strangerRevoking, "revokeAccessRequest", expectErrors: true).GetProperty("errors")[0].GetProperty("code").GetString());

        var queue = await portal.GraphQL.PostAsync("{ accessRequests(status: ACTIVE, first: 100) { totalCount nodes { id application { ownerId } } } }", admin);
        Assert.True(queue.Errors.Count == 0, queue.ToString());
        Assert.Contains(requestId, queue.Data.GetProperty("accessRequests").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));

        var viewer = await portal.GraphQL.PostAsync("{ viewer { applications { id } accessRequests { id status } } }", owner);
        Assert.Contains(applicationId, viewer.Data.GetProperty("viewer").GetProperty("applications").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Contains(requestId, viewer.Data.GetProperty("viewer").GetProperty("accessRequests").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
    }

    private async Task<string> CreateProviderAsync(string admin)
    {
        var response = await portal.GraphQL.PostAsync("""
            mutation($input: UpsertProviderInput!) {
              upsertProvider(input: $input) { provider { id hasInitialAccessToken discovery { issuer } clientTypes { id } } errors { code message field } }
            }
            """, admin, new
        {
            input = new
            {
                name = "Dev IdP " + _suffix,
                kind = "OTHER",
                wellKnownUrl = LoginIdp.IssuerText + "/.well-known/openid-configuration",
                initialAccessToken = InitialAccessToken,
                clientTypes = new[]
                {
                    new { id = ClientType, name = "Machine to machine", responseTypes = Array.Empty<string>(), grantTypes = new[] { "client_credentials" }, tokenEndpointAuthMethod = "client_secret_basic" },
                },
            },
        });
        var provider = Payload(response, "upsertProvider").GetProperty("provider");
        Assert.True(provider.GetProperty("hasInitialAccessToken").GetBoolean());
        Assert.Equal(LoginIdp.IssuerText, provider.GetProperty("discovery").GetProperty("issuer").GetString());
        Assert.DoesNotContain(InitialAccessToken, response.Body.ToString());
        var id = provider.GetProperty("id").GetString()!;

        var listed = await portal.GraphQL.PostAsync("{ providers { id } }", admin);
        Assert.Contains(id, listed.Data.GetProperty("providers").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        return id;
    }

    private async Task<string> PayloadIdAsync(string token, string mutation, string field, string query, object variables) =>
        Payload(await portal.GraphQL.PostAsync(query, token, variables), mutation).GetProperty(field).GetProperty("id").GetString()!;

    private static JsonElement Payload(GraphQLEndpointResponse response, string mutation, bool expectErrors = false)
    {
        Assert.True(response.Errors.Count == 0, response.ToString());
        var payload = response.Data.GetProperty(mutation);
        Assert.True(expectErrors || payload.GetProperty("errors").GetArrayLength() == 0, response.ToString());
        return payload;
    }
}
