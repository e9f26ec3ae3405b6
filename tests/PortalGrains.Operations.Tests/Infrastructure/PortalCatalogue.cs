using PortalGrains.Testing;

namespace PortalGrains.Operations.Tests.Infrastructure;

/// <summary>
/// A provider at the dev IdP, one product and one plan that needs approval, created through the API with fresh ids;
/// and the queries and mutations the load and the checks send.
/// </summary>
public sealed class PortalCatalogue
{
    public const string ClientType = "m2m";

    public const string CatalogueQuery = "{ products { id name } plans { id name } }";

    public const string CheckoutMutation = """
        mutation($input: CheckoutInput!) {
          checkout(input: $input) { accessRequest { id status } errors { code message } }
        }
        """;

    public const string ApproveMutation = """
        mutation($input: DecideInput!) {
          approveAccessRequest(input: $input) { accessRequest { id status failureReason } errors { code message } }
        }
        """;

    public const string AccessRequestQuery = "query($id: ID!) { accessRequest(id: $id) { id status failureReason } }";

    private PortalCatalogue(string suffix, string adminToken, string productId, string planId)
    {
        Suffix = suffix;
        AdminToken = adminToken;
        ProductId = productId;
        PlanId = planId;
    }

    public string Suffix { get; }

    public string AdminToken { get; }

    public string ProductId { get; }

    public string PlanId { get; }

    public static async Task<PortalCatalogue> CreateAsync(PortalApi api, DevIdentityProvider idp)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var admin = await idp.LoginTokenAsync("admin-" + suffix, "admin@example.com", scope: "portal:admin");
        var providerId = "prov-" + suffix;
        (await api.SendAsync("""
            mutation($input: UpsertProviderInput!) { upsertProvider(input: $input) { provider { id } errors { code message field } } }
            """,
            new
            {
                input = new
                {
                    id = providerId, name = "Dev IdP " + suffix, kind = "OTHER", wellKnownUrl = idp.WellKnownUrl,
                    initialAccessToken = DevIdentityProvider.InitialAccessToken,
                    clientTypes = new[]
                    {
                        new
                        {
                            id = ClientType, name = "Machine to machine", responseTypes = Array.Empty<string>(),
                            grantTypes = new[] { "client_credentials" }, tokenEndpointAuthMethod = "client_secret_basic",
                        },
                    },
                },
            },
            admin)).Payload("upsertProvider");
        var productId = (await api.SendAsync("""
            mutation($input: UpsertProductInput!) { upsertProduct(input: $input) { product { id } errors { code message field } } }
            """,
            new
            {
                input = new
                {
                    name = "Orders " + suffix, description = "operations test", published = true, dcrEnabled = true,
                    providerId, scopes = new[] { "orders:" + suffix }, clientTypeIds = new[] { ClientType },
                    policyId = "policy-" + suffix,
                },
            },
            admin)).Payload("upsertProduct").GetProperty("product").GetProperty("id").GetString()!;
        var planId = (await api.SendAsync("""
            mutation($input: UpsertPlanInput!) { upsertPlan(input: $input) { plan { id } errors { code message field } } }
            """,
            new
            {
                input = new
                {
                    name = "Gold " + suffix, scopes = new[] { "gold:" + suffix }, autoApprove = false,
                    policyId = "plan-" + suffix, rateLimit = new { requests = 100, perSeconds = 60 },
                },
            },
            admin)).Payload("upsertPlan").GetProperty("plan").GetProperty("id").GetString()!;
        return new PortalCatalogue(suffix, admin, productId, planId);
    }

    public object CheckoutVariables(int sequence) => new
    {
        input = new
        {
            productId = ProductId, planId = PlanId, clientTypeId = ClientType,
            newApplication = new { name = $"App {Suffix} {sequence}", description = "operations test" },
        },
    };
}
