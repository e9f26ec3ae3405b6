using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Developers;
using PortalGrains.Abstractions.Teams;
using PortalGrains.Grains.Common;
using PortalGrains.Grains.Tests.Support;

namespace PortalGrains.Grains.Tests.Teams;

/// <summary>The team grain keeps each member's developer grain (what authorization reads) in step with its members.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TeamGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Joining_and_leaving_change_the_developer_grains_teams_and_the_last_owner_stays()
    {
        var (team, owner) = await NewTeamAsync();
        var member = new Caller(TestIds.New("member"), IsAdmin: false);
        var invitation = (await team.InviteAsync(member.Id, null, TeamRole.Member, owner)).Value!;

        var joined = await team.AcceptAsync(invitation.Id, member, emailClaim: null);

        Assert.True(joined.Succeeded, string.Join(", ", joined.Errors));
        Assert.Equal(TeamRole.Member, (await Developer(member.Id).GetTeamRolesAsync())[team.GetPrimaryKeyString()]);
        Assert.Equal(TeamRole.Owner, (await Developer(owner.Id).GetTeamRolesAsync())[team.GetPrimaryKeyString()]);

        var lastOwner = await team.RemoveMemberAsync(owner.Id, owner);
        var left = await team.RemoveMemberAsync(member.Id, member);

        Assert.Equal([UserErrorCodes.LastOwner], lastOwner.Errors.Select(e => e.Code));
        Assert.True(left.Succeeded);
        Assert.DoesNotContain(team.GetPrimaryKeyString(), (await Developer(member.Id).GetTeamRolesAsync()).Keys);
        Assert.Equal([owner.Id], (await team.GetAsync())!.Members.Select(m => m.DeveloperId));
    }

    [Fact]
    public async Task A_developer_in_as_many_teams_as_allowed_accepts_no_invitation_and_nothing_changes()
    {
        var (team, owner) = await NewTeamAsync();
        var busy = new Caller(TestIds.New("busy"), IsAdmin: false);
        var invitation = (await team.InviteAsync(busy.Id, null, TeamRole.Member, owner)).Value!;
        var limit = new PortalLimitsOptions().TeamsPerDeveloper;
        for (var i = 0; i < limit; i++)
        {
            Assert.Null(await Developer(busy.Id).JoinTeamAsync(TestIds.New("other-team"), TeamRole.Member));
        }

        var refused = await team.AcceptAsync(invitation.Id, busy, emailClaim: null);

        Assert.Equal([UserErrorCodes.LimitExceeded], refused.Errors.Select(e => e.Code));
        var after = (await team.GetAsync())!;
        Assert.Equal([owner.Id], after.Members.Select(m => m.DeveloperId));
        Assert.Equal([invitation.Id], after.Invitations.Select(i => i.Id));
        Assert.Equal(limit, (await Developer(busy.Id).GetTeamRolesAsync()).Count);
    }

    [Fact]
    public async Task Only_the_developer_an_invitation_names_accepts_it_and_an_unknown_id_is_not_found()
    {
        var (team, owner) = await NewTeamAsync();
        var invitee = new Caller(TestIds.New("invitee"), IsAdmin: false);
        var invitation = (await team.InviteAsync(invitee.Id, null, TeamRole.Owner, owner)).Value!;

        var unknown = await team.AcceptAsync(TeamIds.NewInvitationId(team.GetPrimaryKeyString()), invitee, null);
        var someoneElse = await team.AcceptAsync(invitation.Id, new Caller(TestIds.New("someone"), IsAdmin: false), invitee.Id);
        var named = await team.AcceptAsync(invitation.Id, invitee, null);

        Assert.Equal([UserErrorCodes.NotFound], unknown.Errors.Select(e => e.Code));
        Assert.Equal([UserErrorCodes.NotFound], someoneElse.Errors.Select(e => e.Code));
        Assert.True(named.Succeeded);
        Assert.Equal(TeamRole.Owner, named.Value!.RoleOf(invitee.Id));
        Assert.Empty(named.Value.Invitations);
    }

    private async Task<(ITeamGrain Team, Caller Owner)> NewTeamAsync()
    {
        var owner = new Caller(TestIds.New("owner"), IsAdmin: false);
        var team = fixture.Client.GetGrain<ITeamGrain>(TeamIds.NewTeamId());
        Assert.True((await team.CreateAsync("Team", owner)).Succeeded);
        return (team, owner);
    }

    private IDeveloperGrain Developer(string id) => fixture.Client.GetGrain<IDeveloperGrain>(id);
}
