using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.IntegrationTests.Reliability;
using PortalGrains.Testing;
using static PortalGrains.IntegrationTests.Teams.TeamCalls;

namespace PortalGrains.IntegrationTests.Teams;

/// <summary>
/// A removal from a team is in force at the very next request on any silo: no silo keeps a member's authorization
/// beyond one request (it is read from the member's developer grain, which the removal changes before it answers).
/// </summary>
public sealed class TeamRemovalAcrossSilosTests
{
    [Fact]
    public async Task A_member_removed_through_one_silo_is_refused_the_team_application_by_the_other_on_the_next_request()
    {
        TestServers.RequireRedis();
        TestServers.RequireAzurite();
        await using var cluster = new SiloCluster(TestServers.AzureTables);
        var first = await cluster.StartSiloAsync();
        var second = await cluster.StartSiloAsync();
        var idp = DevIdentityProvider.Shared;
        var portal = new PortalScenario(cluster.Client(first), idp, idp);
        var onFirst = new TeamCalls(cluster.Client(first));
        var onSecond = new TeamCalls(cluster.Client(second));
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "silos", "silos.read");
        var plan = await portal.CreatePlanAsync(admin, "silos", autoApprove: false, "plan.silos");
        var owner = await portal.DeveloperTokenAsync("silo-owner");
        var member = await portal.DeveloperTokenAsync("silo-member");
        var teamId = await onFirst.TeamWithMemberAsync(owner, member);
        var (requestId, applicationId) = await Eventually.ReturnsAsync(
            () => onFirst.CheckoutForTeamAsync(owner, teamId, product, plan), _ => true, TimeSpan.FromSeconds(10), "a checkout");
        Assert.Equal("ACTIVE", (await portal.ApproveAsync(admin, requestId)).GetProperty("status").GetString());
        var seen = await onSecond.ApplicationAsync(member, applicationId);
        Assert.False(string.IsNullOrEmpty(Assert.Single(seen.GetProperty("credentials").EnumerateArray()).GetProperty("clientSecret").GetString()));

        Assert.Empty(Codes(await onFirst.RemoveAsync(owner, teamId, await onFirst.ViewerIdAsync(member))));

        Assert.Equal(JsonValueKind.Null, (await onSecond.ApplicationAsync(member, applicationId)).ValueKind);
        Assert.Equal(["NOT_FOUND"], Codes(await onSecond.TransferAsync(member, applicationId, teamId)));
        var checkout = (await onSecond.GraphQL.SendAsync(PortalScenario.CheckoutMutation, new
        {
            input = new { productId = product, planId = plan, clientTypeId = PortalScenario.M2mClientType, applicationId },
        }, member)).At("checkout");
        Assert.Equal(["NOT_FOUND"], Codes(checkout));
        Assert.Equal(JsonValueKind.Null, (await onFirst.ApplicationAsync(member, applicationId)).ValueKind);
    }
}
