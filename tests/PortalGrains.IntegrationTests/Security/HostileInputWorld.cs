using System.Collections.Concurrent;
using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>
/// What the hostile-input tests send against, built once per host: a provider, a product offering the web client
/// type, a plan, and a developer's web application whose client the IdP holds with one good redirect URI.
/// </summary>
public sealed class HostileInputWorld
{
    public const string GoodRedirectUri = "https://app.example.com/callback";

    private static readonly ConcurrentDictionary<PortalHost, Lazy<Task<HostileInputWorld>>> Worlds = new();

    private HostileInputWorld(PortalScenario portal) => Portal = portal;

    public PortalScenario Portal { get; }

    public string AdminToken { get; private set; } = "";

    public string DeveloperToken { get; private set; } = "";

    public string ProductId { get; private set; } = "";

    public string PlanId { get; private set; } = "";

    /// <summary>The developer's web application, holding a client at the IdP.</summary>
    public string ApplicationId { get; private set; } = "";

    public static Task<HostileInputWorld> ForAsync(PortalHost host) =>
        Worlds.GetOrAdd(host, h => new Lazy<Task<HostileInputWorld>>(() => BuildAsync(h))).Value;

    /// <summary>Checkout of a new web application with <paramref name="redirectUris"/>.</summary>
    public Task<GraphQLResponse> CheckoutWebAsync(object redirectUris) =>
        Portal.GraphQL.SendAsync(PortalScenario.CheckoutMutation, CheckoutWebVariables(redirectUris), DeveloperToken);

    /// <summary>The JSON body of <see cref="CheckoutWebAsync"/>, for sending it by other means.</summary>
    public string CheckoutWebBody(object redirectUris) =>
        System.Text.Json.JsonSerializer.Serialize(new { query = PortalScenario.CheckoutMutation, variables = CheckoutWebVariables(redirectUris) });

    private object CheckoutWebVariables(object redirectUris) => new
    {
        input = new
        {
            productId = ProductId, planId = PlanId, clientTypeId = "web", redirectUris,
            newApplication = new { name = "Hostile " + Guid.NewGuid().ToString("N")[..6] },
        },
    };

    /// <summary>The developer's applications and requests as they see them: what a refused input must leave alone.</summary>
    public async Task<string> DeveloperViewAsync() =>
        (await Portal.GraphQL.SendAsync(
            "{ viewer { applications { id name redirectUris credentials { clientId } } accessRequests { id status } } }",
            token: DeveloperToken)).At("viewer").ToString();

    /// <summary>The redirect URIs the IdP holds for the developer's web application.</summary>
    public async Task<string> RedirectUrisAtIdpAsync()
    {
        var client = Assert.Single(await DevIdentityProvider.Shared.ClientsOfApplicationAsync(ApplicationId));
        return client.GetProperty("redirect_uris").ToString();
    }

    private static async Task<HostileInputWorld> BuildAsync(PortalHost host)
    {
        var world = new HostileInputWorld(new PortalScenario(host, DevIdentityProvider.Shared));
        var portal = world.Portal;
        world.AdminToken = await portal.AdminTokenAsync();
        world.DeveloperToken = await portal.DeveloperTokenAsync("mallory");
        await portal.CreateProviderAsync(world.AdminToken);
        world.ProductId = await portal.CreateProductAsync(world.AdminToken, "hostile", "hostile.read");
        world.PlanId = await portal.CreatePlanAsync(world.AdminToken, "hostile", autoApprove: false, "plan.hostile");

        var checkout = (await world.CheckoutWebAsync(new[] { GoodRedirectUri })).Payload("checkout").GetProperty("accessRequest");
        world.ApplicationId = checkout.GetProperty("application").GetProperty("id").GetString()!;
        var approved = await portal.ApproveAsync(world.AdminToken, checkout.GetProperty("id").GetString()!);
        Assert.True(approved.GetProperty("status").GetString() == "ACTIVE", "approval: " + approved);
        Assert.Contains(GoodRedirectUri, (await world.RedirectUrisAtIdpAsync()));
        return world;
    }

    public static IReadOnlyList<string?> Codes(JsonElement payload) =>
        [.. payload.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString())];
}
