using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.IntegrationTests.Webhooks;
using PortalGrains.Testing;
using static PortalGrains.IntegrationTests.Teams.TeamCalls;

namespace PortalGrains.IntegrationTests.Teams;

/// <summary>Every team change is in the audit log (who, when, what) and is a signed TEAM_MEMBERSHIP_CHANGED delivery.</summary>
[Collection(PortalCollection.Name)]
public sealed class TeamChangeRecordTests(PortalHost host)
{
    private readonly TeamCalls _teams = new(host.GraphQL);

    [Fact]
    public async Task Creating_inviting_joining_and_leaving_are_audited_with_their_actor_and_announced_to_webhooks_in_order()
    {
        await using var receiver = new WebhookReceiver();
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        var admin = await portal.AdminTokenAsync();
        var webhookId = await WebhookAdmin.RegisterAsync(portal.GraphQL, admin, receiver, "TEAM_MEMBERSHIP_CHANGED");
        var owner = await portal.DeveloperTokenAsync("recorded-owner");
        var member = await portal.DeveloperTokenAsync("recorded-member");
        var ownerId = await _teams.ViewerIdAsync(owner);
        var memberId = await _teams.ViewerIdAsync(member);

        var teamId = await _teams.CreateTeamAsync(owner, "Recorded team");
        var invitationId = await _teams.InvitationIdAsync(owner, teamId, developerId: memberId);
        Assert.Empty(Codes(await _teams.AcceptAsync(member, invitationId)));
        Assert.Empty(Codes(await _teams.RemoveAsync(member, teamId, memberId)));

        var audit = await portal.GraphQL.SendAsync(
            "query { auditLog(first: 100) { nodes { actor action subjectType subjectId detail } } }", token: admin);
        Assert.False(audit.HasErrors, audit.ToString());
        var entries = audit.At("auditLog.nodes").EnumerateArray().Where(e => e.GetProperty("subjectId").GetString() == teamId).ToList();
        Assert.Equal(
            [(memberId, $"{memberId} left"), (memberId, $"{memberId} joined as MEMBER"), (ownerId, $"invited {memberId} as MEMBER"), (ownerId, "created \"Recorded team\"")],
            entries.Select(e => (e.GetProperty("actor").GetString(), e.GetProperty("detail").GetString())));
        Assert.All(entries, e => Assert.Equal("Team", e.GetProperty("subjectType").GetString()));

        var deliveries = await Eventually.ReturnsAsync(
            () => Task.FromResult(receiver.Received.Where(r => r.SubjectId == teamId).ToList()),
            r => r.Count >= 4, TimeSpan.FromSeconds(30), "four team deliveries");
        Assert.All(deliveries, d => Assert.True(d.SignatureValid));
        Assert.All(deliveries, d => Assert.Equal("TEAM_MEMBERSHIP_CHANGED", d.Type));
        var memberCounts = deliveries.Select(d => d.Payload.GetProperty("data").GetProperty("members").GetArrayLength()).ToList();
        Assert.Equal([1, 1, 2, 1], memberCounts);
        Assert.Equal("Recorded team", deliveries[0].Payload.GetProperty("data").GetProperty("name").GetString());
        await WebhookAdmin.DeleteAsync(portal.GraphQL, admin, webhookId);
    }
}
