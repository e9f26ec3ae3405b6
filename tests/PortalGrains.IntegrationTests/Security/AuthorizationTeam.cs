using PortalGrains.IntegrationTests.Teams;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>
/// The team part of the authorization world: A's team T with C (a second OWNER), D (a MEMBER) and E (removed again);
/// T's application with an ACTIVE request and a client; and, for the rows that change something, one target per row.
/// </summary>
public sealed class AuthorizationTeam
{
    private AuthorizationTeam()
    {
    }

    public string TeamId { get; private set; } = "";

    public string OwnerToken { get; private set; } = "";

    public string OwnerId { get; private set; } = "";

    public string MemberToken { get; private set; } = "";

    public string MemberId { get; private set; } = "";

    public string FormerMemberToken { get; private set; } = "";

    public string FormerMemberId { get; private set; } = "";

    /// <summary>T's application (created by A), holding a client at the provider.</summary>
    public string ApplicationId { get; private set; } = "";

    /// <summary>The ACTIVE request of <see cref="ApplicationId"/>.</summary>
    public string RequestId { get; private set; } = "";

    public string ClientId { get; private set; } = "";

    /// <summary>A team application with a client whose secret the rotation rows rotate.</summary>
    public string RotatedApplicationId { get; private set; } = "";

    /// <summary>Team applications one row each deletes.</summary>
    public string DeletedByOwner { get; private set; } = "";

    public string DeletedByTeamOwner { get; private set; } = "";

    public string DeletedByAdmin { get; private set; } = "";

    /// <summary>PENDING requests of A for T's application that one row each revokes.</summary>
    public string RevokedRequestByOwner { get; private set; } = "";

    public string RevokedRequestByTeamOwner { get; private set; } = "";

    public string RevokedRequestByAdmin { get; private set; } = "";

    /// <summary>Personal applications of A that one row each transfers into T.</summary>
    public string TransferredByOwner { get; private set; } = "";

    public string TransferredByAdmin { get; private set; } = "";

    /// <summary>An invitation into T that stays open (refused revocations and the owners-only invitations field).</summary>
    public string StandingInvitationId { get; private set; } = "";

    public string RevokedByOwner { get; private set; } = "";

    public string RevokedByTeamOwner { get; private set; } = "";

    /// <summary>An invitation of B into another team of A, which B's row accepts.</summary>
    public string AcceptedByOther { get; private set; } = "";

    /// <summary>An invitation of B into a third team of A, which everyone but B is refused.</summary>
    public string ForOther { get; private set; } = "";

    public string ForOtherTeamId { get; private set; } = "";

    /// <summary>Members of T that one row each removes.</summary>
    public string RemovedByOwner { get; private set; } = "";

    public string RemovedByTeamOwner { get; private set; } = "";

    public static async Task<AuthorizationTeam> BuildAsync(AuthorizationWorld world)
    {
        var portal = world.Portal;
        var calls = new TeamCalls(portal.GraphQL);
        var team = new AuthorizationTeam
        {
            OwnerToken = await portal.DeveloperTokenAsync("cleo"),
            MemberToken = await portal.DeveloperTokenAsync("dora"),
            FormerMemberToken = await portal.DeveloperTokenAsync("emil"),
        };
        team.OwnerId = await AuthorizationWorld.ViewerIdAsync(portal, team.OwnerToken);
        team.MemberId = await AuthorizationWorld.ViewerIdAsync(portal, team.MemberToken);
        team.FormerMemberId = await AuthorizationWorld.ViewerIdAsync(portal, team.FormerMemberToken);
        team.TeamId = await calls.TeamWithMemberAsync(world.OwnerToken, team.MemberToken);
        await JoinAsync(calls, world.OwnerToken, team.TeamId, team.OwnerToken, "OWNER");
        await JoinAsync(calls, world.OwnerToken, team.TeamId, team.FormerMemberToken, "MEMBER");
        var removable1 = await portal.DeveloperTokenAsync("fynn");
        var removable2 = await portal.DeveloperTokenAsync("gina");
        await JoinAsync(calls, world.OwnerToken, team.TeamId, removable1, "MEMBER");
        await JoinAsync(calls, world.OwnerToken, team.TeamId, removable2, "MEMBER");
        team.RemovedByOwner = await AuthorizationWorld.ViewerIdAsync(portal, removable1);
        team.RemovedByTeamOwner = await AuthorizationWorld.ViewerIdAsync(portal, removable2);

        (team.RequestId, team.ApplicationId) = await calls.CheckoutForTeamAsync(world.OwnerToken, team.TeamId, world.ProductId, world.PlanId);
        Assert.Equal("ACTIVE", (await portal.ApproveAsync(world.AdminToken, team.RequestId)).GetProperty("status").GetString());
        var credentials = Assert.Single((await portal.CredentialsAsync(world.OwnerToken, team.ApplicationId)).GetProperty("credentials").EnumerateArray());
        team.ClientId = credentials.GetProperty("clientId").GetString()!;
        var (rotatedRequest, rotated) = await calls.CheckoutForTeamAsync(world.OwnerToken, team.TeamId, world.ProductId, world.PlanId);
        Assert.Equal("ACTIVE", (await portal.ApproveAsync(world.AdminToken, rotatedRequest)).GetProperty("status").GetString());
        team.RotatedApplicationId = rotated;
        (_, team.DeletedByOwner) = await calls.CheckoutForTeamAsync(world.OwnerToken, team.TeamId, world.ProductId, world.PlanId);
        (_, team.DeletedByTeamOwner) = await calls.CheckoutForTeamAsync(world.OwnerToken, team.TeamId, world.ProductId, world.PlanId);
        (_, team.DeletedByAdmin) = await calls.CheckoutForTeamAsync(world.OwnerToken, team.TeamId, world.ProductId, world.PlanId);
        (team.RevokedRequestByOwner, _) = await portal.CheckoutAsync(world.OwnerToken, world.ProductId, world.PlanId, team.ApplicationId);
        (team.RevokedRequestByTeamOwner, _) = await portal.CheckoutAsync(world.OwnerToken, world.ProductId, world.PlanId, team.ApplicationId);
        (team.RevokedRequestByAdmin, _) = await portal.CheckoutAsync(world.OwnerToken, world.ProductId, world.PlanId, team.ApplicationId);
        (_, team.TransferredByOwner) = await portal.CheckoutAsync(world.OwnerToken, world.ProductId, world.PlanId);
        (_, team.TransferredByAdmin) = await portal.CheckoutAsync(world.OwnerToken, world.ProductId, world.PlanId);

        // E was a member (and saw T's application) until A removed them.
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, (await calls.ApplicationAsync(team.FormerMemberToken, team.ApplicationId)).ValueKind);
        Assert.Empty(TeamCalls.Codes(await calls.RemoveAsync(world.OwnerToken, team.TeamId, team.FormerMemberId)));

        team.StandingInvitationId = await calls.InvitationIdAsync(world.OwnerToken, team.TeamId, developerId: "standing-" + Guid.NewGuid().ToString("N")[..8]);
        team.RevokedByOwner = await calls.InvitationIdAsync(world.OwnerToken, team.TeamId, developerId: "revoked-a-" + Guid.NewGuid().ToString("N")[..8]);
        team.RevokedByTeamOwner = await calls.InvitationIdAsync(world.OwnerToken, team.TeamId, developerId: "revoked-c-" + Guid.NewGuid().ToString("N")[..8]);
        var acceptedTeam = await calls.CreateTeamAsync(world.OwnerToken, "Accepted by B");
        team.AcceptedByOther = await calls.InvitationIdAsync(world.OwnerToken, acceptedTeam, developerId: world.OtherId);
        team.ForOtherTeamId = await calls.CreateTeamAsync(world.OwnerToken, "Waiting for B");
        team.ForOther = await calls.InvitationIdAsync(world.OwnerToken, team.ForOtherTeamId, developerId: world.OtherId);
        return team;
    }

    private static async Task JoinAsync(TeamCalls calls, string ownerToken, string teamId, string memberToken, string role)
    {
        var invitation = await calls.InvitationIdAsync(ownerToken, teamId, developerId: await calls.ViewerIdAsync(memberToken), role: role);
        Assert.Empty(TeamCalls.Codes(await calls.AcceptAsync(memberToken, invitation)));
    }
}
