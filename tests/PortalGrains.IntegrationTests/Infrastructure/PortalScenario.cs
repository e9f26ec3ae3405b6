using System.Text.Json;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Infrastructure;

/// <summary>
/// Builds the catalogue of one test through the GraphQL API as an admin does, with fresh ids: a provider at a dev
/// IdP, products and plans; and signs in developers.
/// </summary>
public sealed class PortalScenario(GraphQLClient graphQL, DevIdentityProvider loginIdp, DevIdentityProvider apiIdp)
{
    public PortalScenario(PortalHost host, DevIdentityProvider apiIdp)
        : this(host.GraphQL, host.LoginIdp, apiIdp)
    {
    }

    public const string M2mClientType = "m2m";

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];

    public GraphQLClient GraphQL => graphQL;

    public string ProviderId => "prov-" + _suffix;

    public async Task<string> AdminTokenAsync() =>
        await loginIdp.LoginTokenAsync("admin-" + _suffix, "admin@example.com", scope: "portal:admin");

    public async Task<string> DeveloperTokenAsync(string name) =>
        await loginIdp.LoginTokenAsync($"{name}-{_suffix}", $"{name}@example.com");

    public Task CreateProviderAsync(string admin) =>
        CreateProviderAsync(admin, DevProviderInput.Create(ProviderId, "Dev IdP " + _suffix, apiIdp.WellKnownUrl));

    /// <summary>Creates the provider <paramref name="input"/> describes (its id should be <see cref="ProviderId"/>).</summary>
    public async Task CreateProviderAsync(string admin, object input)
    {
        var response = await GraphQL.SendAsync("""
            mutation($input: UpsertProviderInput!) {
              upsertProvider(input: $input) { provider { id discovery { issuer } } errors { code message field } }
            }
            """,
            new { input },
            admin);
        var provider = response.Payload("upsertProvider").GetProperty("provider");
        if (provider.GetProperty("discovery").ValueKind == JsonValueKind.Null)
        {
            throw new InvalidOperationException("the provider's discovery is null: " + response);
        }
    }

    public async Task<string> CreateProductAsync(string admin, string name, params string[] scopes)
    {
        var response = await GraphQL.SendAsync("""
            mutation($input: UpsertProductInput!) { upsertProduct(input: $input) { product { id } errors { code message field } } }
            """,
            new
            {
                input = new
                {
                    name = $"{name} {_suffix}", description = "test product", published = true, dcrEnabled = true,
                    providerId = ProviderId, scopes = scopes.Select(s => $"{s}:{_suffix}").ToArray(),
                    clientTypeIds = new[] { M2mClientType, "web" }, policyId = $"policy-{name}-{_suffix}",
                },
            },
            admin);
        return response.Payload("upsertProduct").GetProperty("product").GetProperty("id").GetString()!;
    }

    public async Task<string> CreatePlanAsync(string admin, string name, bool autoApprove = false, params string[] scopes)
    {
        var response = await GraphQL.SendAsync("""
            mutation($input: UpsertPlanInput!) { upsertPlan(input: $input) { plan { id } errors { code message field } } }
            """,
            new
            {
                input = new
                {
                    name = $"{name} {_suffix}", scopes = scopes.Select(s => $"{s}:{_suffix}").ToArray(), autoApprove,
                    policyId = $"plan-{name}-{_suffix}", rateLimit = new { requests = 100, perSeconds = 60 },
                },
            },
            admin);
        return response.Payload("upsertPlan").GetProperty("plan").GetProperty("id").GetString()!;
    }

    public string Scope(string name) => $"{name}:{_suffix}";

    public const string CheckoutMutation = """
        mutation($input: CheckoutInput!) {
          checkout(input: $input) {
            accessRequest { id status application { id } }
            errors { code message field }
          }
        }
        """;

    public const string ApproveMutation = """
        mutation($input: DecideInput!) {
          approveAccessRequest(input: $input) { accessRequest { id status failureReason } errors { code message } }
        }
        """;

    public async Task<(string RequestId, string ApplicationId)> CheckoutAsync(string developer, string productId, string planId, string? applicationId = null)
    {
        var response = await GraphQL.SendAsync(CheckoutMutation, new
        {
            input = new
            {
                productId, planId, clientTypeId = M2mClientType, applicationId,
                newApplication = applicationId is null ? new { name = "App " + _suffix, description = "integration test" } : null,
            },
        }, developer);
        var request = response.Payload("checkout").GetProperty("accessRequest");
        return (request.GetProperty("id").GetString()!, request.GetProperty("application").GetProperty("id").GetString()!);
    }

    public async Task<JsonElement> ApproveAsync(string admin, string requestId) =>
        (await GraphQL.SendAsync(ApproveMutation, new { input = new { id = requestId } }, admin))
            .Payload("approveAccessRequest").GetProperty("accessRequest");

    public async Task<JsonElement> CredentialsAsync(string token, string applicationId) =>
        (await GraphQL.SendAsync("""
            query($id: ID!) { application(id: $id) { id credentials { providerId issuer clientId clientSecret tokenEndpoint scopes grantTypes tokenEndpointAuthMethod } } }
            """, new { id = applicationId }, token)).At("application");
}
