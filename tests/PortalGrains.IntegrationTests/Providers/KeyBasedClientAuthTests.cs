using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Providers;

/// <summary>private_key_jwt clients through /graphql: the application's jwksUri reaches the dev IdP as jwks_uri and follows updates.</summary>
[Collection(PortalCollection.Name)]
public sealed class KeyBasedClientAuthTests(PortalHost host)
{
    private const string Operations = "query($id: ID!) { application(id: $id) { jwksUri operations { operation outcome } } }";

    [Fact]
    public async Task The_jwks_uri_is_required_checked_registered_and_updated_once()
    {
        await using var idp = await DevIdentityProvider.StartOwnAsync();
        var portal = new PortalScenario(host, idp);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin, Provider(portal.ProviderId, idp));
        var product = await portal.CreateProductAsync(admin, "keys", "keys.read");
        var plan = await portal.CreatePlanAsync(admin, "auto", autoApprove: true, "plan.auto");
        var dev = await portal.DeveloperTokenAsync("kim");

        Assert.Equal(["REQUIRED:jwksUri"], Errors(await CheckoutAsync(portal, dev, product, plan, jwksUri: null)));
        Assert.Equal(["INVALID_URL:jwksUri"], Errors(await CheckoutAsync(portal, dev, product, plan, "http://keys.example.com/jwks.json")));

        var accepted = await CheckoutAsync(portal, dev, product, plan, "https://keys.example.com/v1/jwks.json");
        Assert.Empty(Errors(accepted));
        var checkout = accepted.GetProperty("accessRequest");
        Assert.Equal("ACTIVE", checkout.GetProperty("status").GetString());
        var applicationId = checkout.GetProperty("application").GetProperty("id").GetString()!;
        Assert.Equal("https://keys.example.com/v1/jwks.json", Assert.Single(await idp.ClientsOfApplicationAsync(applicationId)).GetProperty("jwks_uri").GetString());

        var updated = await portal.GraphQL.SendAsync("""
            mutation($input: UpdateApplicationInput!) { updateApplication(input: $input) { application { jwksUri } errors { code message } } }
            """, new { input = new { id = applicationId, jwksUri = "https://keys.example.com/v2/jwks.json" } }, dev);
        Assert.Equal("https://keys.example.com/v2/jwks.json", updated.Payload("updateApplication").GetProperty("application").GetProperty("jwksUri").GetString());
        Assert.Equal("https://keys.example.com/v2/jwks.json", Assert.Single(await idp.ClientsOfApplicationAsync(applicationId)).GetProperty("jwks_uri").GetString());

        // a change that does not touch the client (the name) sends nothing: the stored jwks_uri matches what was sent
        await portal.GraphQL.SendAsync("""
            mutation($input: UpdateApplicationInput!) { updateApplication(input: $input) { errors { code } } }
            """, new { input = new { id = applicationId, name = "Renamed" } }, dev);
        var operations = (await portal.GraphQL.SendAsync(Operations, new { id = applicationId }, admin)).At("application.operations").EnumerateArray()
            .Select(o => o.GetProperty("operation").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Register", "Update"], operations);
    }

    private static async Task<JsonElement> CheckoutAsync(PortalScenario portal, string dev, string product, string plan, string? jwksUri) =>
        (await portal.GraphQL.SendAsync(PortalScenario.CheckoutMutation, new
        {
            input = new { productId = product, planId = plan, clientTypeId = PortalScenario.M2mClientType, newApplication = new { name = "Signed app" }, jwksUri },
        }, dev)).At("checkout");

    private static string[] Errors(JsonElement payload) =>
        [.. payload.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("code").GetString()}:{e.GetProperty("field").EnumerateArray().Last().GetString()}")];

    private static object Provider(string id, DevIdentityProvider idp) => new
    {
        id,
        name = "Signed clients " + id,
        kind = "OTHER",
        wellKnownUrl = idp.WellKnownUrl,
        initialAccessToken = DevIdentityProvider.InitialAccessToken,
        clientTypes = new object[]
        {
            new
            {
                id = PortalScenario.M2mClientType, name = "Signed machine to machine",
                responseTypes = Array.Empty<string>(), grantTypes = new[] { "client_credentials" },
                tokenEndpointAuthMethod = "private_key_jwt",
            },
            new
            {
                id = "web", name = "Web application",
                responseTypes = new[] { "code" }, grantTypes = new[] { "authorization_code" },
                tokenEndpointAuthMethod = "client_secret_basic",
            },
        },
    };
}
