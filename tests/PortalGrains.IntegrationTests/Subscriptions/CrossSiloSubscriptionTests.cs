using System.Diagnostics;
using PortalGrains.IntegrationTests.Reliability;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Subscriptions;

/// <summary>
/// Two silos: a change made through one reaches subscribers connected to the other, and a silo that shuts down
/// closes its WebSockets with 1001 and ends its SSE streams, so that clients reconnect elsewhere.
/// </summary>
public sealed class CrossSiloSubscriptionTests
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_approval_through_silo_1_reaches_subscribers_on_silo_2_and_silo_2_shutting_down_closes_them_cleanly()
    {
        TestServers.RequireRedis();
        TestServers.RequireAzurite();
        await using var cluster = new SiloCluster(TestServers.AzureTables);
        var first = await cluster.StartSiloAsync();
        var second = await cluster.StartSiloAsync();
        var world = await SubscriptionWorld.CreateAsync(cluster.Client(first), DevIdentityProvider.Shared);
        var ada = await world.Portal.DeveloperTokenAsync("ada");
        var cy = await world.Portal.DeveloperTokenAsync("cy");
        var request = await Eventually.ReturnsAsync(() => world.CheckoutAsync(ada), _ => true, TimeSpan.FromSeconds(10), "a checkout on silo 1");

        await using var adaWs = SubscriptionClient.Start("ws", second.BaseAddress, SubscriptionWorld.Changed(request), headerToken: ada);
        await using var adaSse = SubscriptionClient.Start("sse", second.BaseAddress, SubscriptionWorld.Changed(request), headerToken: ada);
        await using var adminWs = SubscriptionClient.Start("ws", second.BaseAddress, SubscriptionWorld.Changed(), headerToken: world.Admin);
        await adaWs.WaitUntilAsync(c => c.StatusesOf(request).SequenceEqual(["PENDING"]), Start, "ada's WebSocket on silo 2 gets the request");
        await adaSse.WaitUntilAsync(c => c.StatusesOf(request).SequenceEqual(["PENDING"]), Start, "ada's SSE stream on silo 2 gets the request");
        await SubscriptionWorld.WarmUpAsync(adminWs, () => world.CheckoutAsync(cy));

        Assert.Equal("ACTIVE", (await world.Portal.ApproveAsync(world.Admin, request)).GetProperty("status").GetString());
        var approved = Stopwatch.StartNew();
        await adaWs.WaitUntilAsync(c => c.StatusesOf(request).SequenceEqual(["PENDING", "PROVISIONING", "ACTIVE"]), Delivery - approved.Elapsed,
            "the approval made through silo 1 reaches the WebSocket on silo 2 within 2 s");
        await adaSse.WaitUntilAsync(c => c.StatusesOf(request).SequenceEqual(["PENDING", "PROVISIONING", "ACTIVE"]), Delivery - approved.Elapsed,
            "the approval made through silo 1 reaches the SSE stream on silo 2 within 2 s");
        await adminWs.WaitUntilAsync(c => c.StatusesOf(request).SequenceEqual(["PROVISIONING", "ACTIVE"]), Delivery,
            "the admin on silo 2 sees the approval");

        await second.SignalTerminateAsync();
        await adaWs.WaitUntilAsync(c => c.CloseCode == 1001, Start, "silo 2 closes its WebSockets with 1001 (going away) as it shuts down");
        await adminWs.WaitUntilAsync(c => c.CloseCode == 1001, Start, "every WebSocket of silo 2 is closed with 1001");
        await adaSse.WaitUntilAsync(c => c.Events.Any(e => e.GetProperty("event").GetString() == "error"), Start,
            "silo 2 ends its SSE streams without completing them, so that the client reconnects");
        Assert.Equal(0, await second.WaitForExitAsync(Start));
    }
}
