using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.IntegrationTests.Teams;
using static PortalGrains.IntegrationTests.Teams.TeamCalls;

namespace PortalGrains.IntegrationTests.Subscriptions;

/// <summary>
/// accessRequestChanged follows the team rule of accessRequest(id): a team's members hear of the requests of the team's
/// applications, outsiders never, and a member removed from the team hears of nothing more from the next change on.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TeamSubscriptionTests(PortalHost host)
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Team_members_hear_of_the_team_applications_requests_outsiders_never_and_a_removed_member_no_longer()
    {
        var world = await SubscriptionWorld.CreateAsync(host.GraphQL, host.LoginIdp);
        var teams = new TeamCalls(host.GraphQL);
        var owner = await world.Portal.DeveloperTokenAsync("sub-team-owner");
        var member = await world.Portal.DeveloperTokenAsync("sub-team-member");
        var outsider = await world.Portal.DeveloperTokenAsync("sub-team-outsider");
        var teamId = await teams.TeamWithMemberAsync(owner, member);
        var (request, _) = await teams.CheckoutForTeamAsync(owner, teamId, world.ProductId, world.PlanId);

        await using var memberWs = SubscriptionClient.Start("ws", host.BaseAddress, SubscriptionWorld.Changed(request), headerToken: member);
        await using var outsiderWs = SubscriptionClient.Start("ws", host.BaseAddress, SubscriptionWorld.Changed(request), headerToken: outsider);
        await memberWs.WaitUntilAsync(c => c.StatusesOf(request).SequenceEqual(["PENDING"]), Delivery, "the member gets the team's request as it stands");

        Assert.Equal("ACTIVE", (await world.Portal.ApproveAsync(world.Admin, request)).GetProperty("status").GetString());
        await memberWs.WaitUntilAsync(c => c.StatusesOf(request).SequenceEqual(["PENDING", "PROVISIONING", "ACTIVE"]), Delivery,
            "the member gets the approval of the team's request");

        Assert.Empty(Codes(await teams.RemoveAsync(owner, teamId, await teams.ViewerIdAsync(member))));
        var revoked = await host.GraphQL.SendAsync(
            "mutation($id: ID!) { revokeAccessRequest(input: {id: $id}) { errors { code } } }", new { id = request }, world.Admin);
        Assert.Equal(0, revoked.Payload("revokeAccessRequest").GetProperty("errors").GetArrayLength());

        // The outsider's and the former member's subscriptions are still open: a change of a request of their own reaches them.
        await memberWs.SubscribeAsync("2", SubscriptionWorld.Changed());
        var own = await SubscriptionWorld.WarmUpAsync(memberWs, () => world.CheckoutAsync(member), id: "2");
        Assert.Equal(["PENDING", "PROVISIONING", "ACTIVE"], memberWs.StatusesOf(request));
        Assert.DoesNotContain(request, memberWs.RequestIds("2"));
        Assert.Empty(outsiderWs.Nexts());
        Assert.Contains(own, memberWs.RequestIds("2"));
    }
}
