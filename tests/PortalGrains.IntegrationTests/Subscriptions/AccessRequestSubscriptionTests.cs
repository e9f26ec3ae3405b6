using System.Diagnostics;
using PortalGrains.IntegrationTests.Infrastructure;

namespace PortalGrains.IntegrationTests.Subscriptions;

/// <summary>
/// accessRequestChanged over both transports with the npm clients front ends use: the owner sees the approval's
/// PROVISIONING and ACTIVE within 2 s, an admin without an id sees every request, another developer sees only their own.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AccessRequestSubscriptionTests(PortalHost host)
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_approval_reaches_the_owner_over_websocket_and_sse_and_an_admin_watching_everything_but_never_another_developer()
    {
        var world = await SubscriptionWorld.CreateAsync(host.GraphQL, host.LoginIdp);
        var ada = await world.Portal.DeveloperTokenAsync("ada");
        var bob = await world.Portal.DeveloperTokenAsync("bob");
        var cy = await world.Portal.DeveloperTokenAsync("cy");
        var request = await world.CheckoutAsync(ada);

        // The owner by WebSocket (token in connection_init) and by SSE; the admin and bob without an id, bob also
        // with the id of ada's request, which he cannot query.
        await using var adaWs = SubscriptionClient.Start("ws", host.BaseAddress, SubscriptionWorld.Changed(request), initToken: ada);
        await using var adaSse = SubscriptionClient.Start("sse", host.BaseAddress, SubscriptionWorld.Changed(request), headerToken: ada);
        await using var adminWs = SubscriptionClient.Start("ws", host.BaseAddress, SubscriptionWorld.Changed(), headerToken: world.Admin);
        await using var bobWs = SubscriptionClient.Start("ws", host.BaseAddress, SubscriptionWorld.Changed(), headerToken: bob);
        await using var bobSse = SubscriptionClient.Start("sse", host.BaseAddress, SubscriptionWorld.Changed(request), headerToken: bob);
        await bobWs.SubscribeAsync("2", SubscriptionWorld.Changed(request));

        // With an id the subscription starts with the request as it stands.
        await adaWs.WaitUntilAsync(c => c.StatusesOf(request).SequenceEqual(["PENDING"]), Start, "ada's WebSocket gets the request as it stands");
        await adaSse.WaitUntilAsync(c => c.StatusesOf(request).SequenceEqual(["PENDING"]), Start, "ada's SSE stream gets the request as it stands");
        await SubscriptionWorld.WarmUpAsync(adminWs, () => world.CheckoutAsync(cy));
        var bobsOwn = new List<string> { await SubscriptionWorld.WarmUpAsync(bobWs, () => world.CheckoutAsync(bob)) };

        // The approval answers once the request is ACTIVE; its changes reach the subscribers within 2 s of that.
        Assert.Equal("ACTIVE", (await world.Portal.ApproveAsync(world.Admin, request)).GetProperty("status").GetString());
        var approving = Stopwatch.StartNew();
        await adaWs.WaitUntilAsync(c => c.StatusesOf(request).SequenceEqual(["PENDING", "PROVISIONING", "ACTIVE"]), Delivery - approving.Elapsed,
            "ada's WebSocket gets PROVISIONING and ACTIVE within 2 s of the approval");
        await adaSse.WaitUntilAsync(c => c.StatusesOf(request).SequenceEqual(["PENDING", "PROVISIONING", "ACTIVE"]), Delivery - approving.Elapsed,
            "ada's SSE stream gets PROVISIONING and ACTIVE within 2 s of the approval");
        await adminWs.WaitUntilAsync(c => c.StatusesOf(request).SequenceEqual(["PROVISIONING", "ACTIVE"]), Delivery,
            "the admin watching every request gets the approval");

        // A change of bob's own, made after the approval, reaches him after anything the approval could have sent him.
        bobsOwn.Add(await world.CheckoutAsync(bob));
        await bobWs.WaitUntilAsync(c => c.RequestIds().Contains(bobsOwn[^1]), Delivery, "bob gets his own new request");
        Assert.All(bobWs.RequestIds(), id => Assert.Contains(id, bobsOwn));
        Assert.Empty(bobWs.Nexts("2"));
        Assert.Empty(bobSse.Nexts());
    }
}
