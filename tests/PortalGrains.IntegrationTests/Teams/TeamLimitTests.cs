using PortalGrains.Testing;
using static PortalGrains.IntegrationTests.Teams.TeamCalls;

namespace PortalGrains.IntegrationTests.Teams;

/// <summary>Portal:Limits:MembersPerTeam and TeamsPerDeveloper answer LIMIT_EXCEEDED; Portal:Teams:InvitationLifetime ends an invitation.</summary>
public sealed class TeamLimitTests(TeamLimitsHost fixture) : IClassFixture<TeamLimitsHost>
{
    private TeamCalls Teams => new(fixture.Host.GraphQL);

    [Fact]
    public async Task A_developer_in_as_many_teams_as_allowed_cannot_create_another()
    {
        var developer = await fixture.Portal.DeveloperTokenAsync("many-teams-" + Guid.NewGuid().ToString("N")[..6]);
        for (var i = 0; i < TeamLimitsHost.TeamsPerDeveloper; i++)
        {
            await Teams.CreateTeamAsync(developer, $"Team {i}");
        }

        var refused = (await Teams.GraphQL.SendAsync(CreateTeam, new { input = new { name = "One too many" } }, developer)).At("createTeam");

        Assert.Equal(["LIMIT_EXCEEDED"], Codes(refused));
        var teams = (await Teams.GraphQL.SendAsync("{ viewer { teams { id } } }", token: developer)).At("viewer.teams");
        Assert.Equal(TeamLimitsHost.TeamsPerDeveloper, teams.GetArrayLength());
    }

    [Fact]
    public async Task A_team_full_with_members_and_open_invitations_refuses_another_invitation()
    {
        var owner = await fixture.Portal.DeveloperTokenAsync("full-" + Guid.NewGuid().ToString("N")[..6]);
        var teamId = await Teams.CreateTeamAsync(owner, "Full");
        await Teams.InvitationIdAsync(owner, teamId, developerId: "first-" + Guid.NewGuid().ToString("N")[..6]);

        var refused = await Teams.InviteAsync(owner, teamId, developerId: "second-" + Guid.NewGuid().ToString("N")[..6]);

        Assert.Equal(["LIMIT_EXCEEDED"], Codes(refused));
        var invitations = (await Teams.GraphQL.SendAsync("query($id: ID!) { team(id: $id) { invitations { id } } }", new { id = teamId }, owner)).At("team.invitations");
        Assert.Equal(1, invitations.GetArrayLength());
    }

    [Fact]
    public async Task An_expired_invitation_is_no_longer_listed_and_accepting_it_is_refused_with_EXPIRED()
    {
        var owner = await fixture.Portal.DeveloperTokenAsync("expiring-" + Guid.NewGuid().ToString("N")[..6]);
        var invitee = await fixture.Portal.DeveloperTokenAsync("late-" + Guid.NewGuid().ToString("N")[..6]);
        var teamId = await Teams.CreateTeamAsync(owner, "Expiring");
        var invitationId = await Teams.InvitationIdAsync(owner, teamId, developerId: await Teams.ViewerIdAsync(invitee));
        const string listed = "{ viewer { invitations { id } } }";
        Assert.Equal(1, (await Teams.GraphQL.SendAsync(listed, token: invitee)).At("viewer.invitations").GetArrayLength());

        await Eventually.AssertAsync(
            async () => (await Teams.GraphQL.SendAsync(listed, token: invitee)).At("viewer.invitations").GetArrayLength() == 0,
            TeamLimitsHost.InvitationLifetime + TimeSpan.FromSeconds(30),
            "the invitation expiring");

        Assert.Equal(["EXPIRED"], Codes(await Teams.AcceptAsync(invitee, invitationId)));
        var members = (await Teams.GraphQL.SendAsync("query($id: ID!) { team(id: $id) { members { developerId } } }", new { id = teamId }, owner)).At("team.members");
        Assert.Equal(1, members.GetArrayLength());
    }
}
