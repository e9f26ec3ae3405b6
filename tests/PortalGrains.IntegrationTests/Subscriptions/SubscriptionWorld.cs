using System.Diagnostics;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Subscriptions;

/// <summary>A catalogue of one product and plan, an admin, and developers who check it out, for subscription tests.</summary>
public sealed class SubscriptionWorld(PortalScenario portal)
{
    public const string Fields = "{ id status }";

    private string _product = "";
    private string _plan = "";

    public PortalScenario Portal => portal;

    public string Admin { get; private set; } = "";

    public static async Task<SubscriptionWorld> CreateAsync(GraphQLClient graphQL, DevIdentityProvider loginIdp)
    {
        var world = new SubscriptionWorld(new PortalScenario(graphQL, loginIdp, DevIdentityProvider.Shared));
        world.Admin = await world.Portal.AdminTokenAsync();
        await world.Portal.CreateProviderAsync(world.Admin);
        world._product = await world.Portal.CreateProductAsync(world.Admin, "orders", "orders.read");
        world._plan = await world.Portal.CreatePlanAsync(world.Admin, "gold", autoApprove: false, "plan.gold");
        return world;
    }

    public string ProductId => _product;

    public string PlanId => _plan;

    public async Task<string> CheckoutAsync(string developer) => (await Portal.CheckoutAsync(developer, _product, _plan)).RequestId;

    public static string Changed(string? id = null) =>
        id is null ? $"subscription {{ accessRequestChanged {Fields} }}" : $"subscription {{ accessRequestChanged(id: \"{id}\") {Fields} }}";

    /// <summary>
    /// Makes changes with <paramref name="change"/> until <paramref name="client"/> reports one: from then on its
    /// subscription <paramref name="id"/> is live (a change made before the server registered it is never sent).
    /// </summary>
    public static async Task<string> WarmUpAsync(SubscriptionClient client, Func<Task<string>> change, string id = "1")
    {
        var waiting = Stopwatch.StartNew();
        while (true)
        {
            var requestId = await change();
            var sinceChange = Stopwatch.StartNew();
            while (sinceChange.Elapsed < TimeSpan.FromSeconds(2))
            {
                if (client.RequestIds(id).Contains(requestId))
                {
                    return requestId;
                }

                await Task.Delay(50);
            }

            if (waiting.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.Fail("the subscription never reported a change: " + client.Describe());
            }
        }
    }
}
