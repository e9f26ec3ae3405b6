using System.Text.Json;
using PortalGrains.IntegrationTests.Gateway;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;
using static PortalGrains.IntegrationTests.Teams.TeamCalls;

namespace PortalGrains.IntegrationTests.Teams;

/// <summary>
/// Teams through /graphql: invitations by developer id and by e-mail, revocation, membership, the team's applications
/// with their secrets, OWNER-only changes, the last-OWNER rule, leaving and removal, and transfer of an application.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TeamTests(PortalHost host)
{
    private readonly TeamCalls _teams = new(host.GraphQL);

    [Fact]
    public async Task A_developer_invited_by_id_accepts_and_then_sees_the_team_application_with_its_secret_and_checks_out_for_it()
    {
        var (portal, admin, product, plan) = await CatalogueAsync();
        var owner = await portal.DeveloperTokenAsync("owner");
        var member = await portal.DeveloperTokenAsync("member");
        var outsider = await portal.DeveloperTokenAsync("outsider");
        var teamId = await _teams.CreateTeamAsync(owner, "Payments");
        var (requestId, applicationId) = await _teams.CheckoutForTeamAsync(owner, teamId, product, plan);
        Assert.Equal("ACTIVE", (await portal.ApproveAsync(admin, requestId)).GetProperty("status").GetString());
        var memberId = await _teams.ViewerIdAsync(member);

        var invitationId = await _teams.InvitationIdAsync(owner, teamId, developerId: memberId);

        var invitations = (await host.GraphQL.SendAsync("{ viewer { invitations { id role team { id name } } } }", token: member)).At("viewer.invitations");
        var invitation = Assert.Single(invitations.EnumerateArray());
        Assert.Equal(invitationId, invitation.GetProperty("id").GetString());
        Assert.Equal("Payments", invitation.GetProperty("team").GetProperty("name").GetString());
        Assert.Equal(["NOT_FOUND"], Codes(await _teams.AcceptAsync(outsider, invitationId)));
        Assert.Equal(JsonValueKind.Null, (await _teams.ApplicationAsync(member, applicationId)).ValueKind);

        Assert.Empty(Codes(await _teams.AcceptAsync(member, invitationId)));

        var seen = await _teams.ApplicationAsync(member, applicationId);
        Assert.Equal(teamId, seen.GetProperty("team").GetProperty("id").GetString());
        var credentials = Assert.Single(seen.GetProperty("credentials").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(credentials.GetProperty("clientSecret").GetString()));
        var viewer = (await host.GraphQL.SendAsync("{ viewer { applications { id } teams { id members { developerId role } } invitations { id } } }", token: member)).At("viewer");
        Assert.Contains(applicationId, viewer.GetProperty("applications").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(teamId, Assert.Single(viewer.GetProperty("teams").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(0, viewer.GetProperty("invitations").GetArrayLength());
        var (memberRequest, sameApplication) = await portal.CheckoutAsync(member, product, plan, applicationId);
        Assert.Equal(applicationId, sameApplication);
        Assert.False(string.IsNullOrEmpty(memberRequest));
        Assert.Equal(JsonValueKind.Null, (await _teams.ApplicationAsync(outsider, applicationId)).ValueKind);
    }

    [Fact]
    public async Task An_invitation_by_email_is_mailed_and_only_the_developer_whose_login_token_carries_that_email_accepts_it()
    {
        await host.Smtp.WaitUntilUpAsync(TimeSpan.FromSeconds(10));
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        var owner = await portal.DeveloperTokenAsync("mailing-owner");
        var address = $"invitee-{Guid.NewGuid():N}@example.com";
        var invitee = await host.LoginIdp.LoginTokenAsync("invitee-" + Guid.NewGuid().ToString("N")[..8], address);
        var impostor = await host.LoginIdp.LoginTokenAsync("impostor-" + Guid.NewGuid().ToString("N")[..8], "someone-else@example.com");
        var teamId = await _teams.CreateTeamAsync(owner, "Mailing");

        var invitationId = await _teams.InvitationIdAsync(owner, teamId, email: address.ToUpperInvariant(), role: "OWNER");

        var mail = Assert.Single(await host.Smtp.WaitForMessagesToAsync(address, 1, TimeSpan.FromSeconds(30), "the invitation e-mail"));
        Assert.Contains("Mailing", mail.Subject);
        Assert.Contains(invitationId, mail.Text);
        Assert.Equal(["NOT_FOUND"], Codes(await _teams.AcceptAsync(impostor, invitationId)));
        var listed = (await host.GraphQL.SendAsync("{ viewer { invitations { id email role } } }", token: invitee)).At("viewer.invitations");
        Assert.Equal(invitationId, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetString());

        var accepted = await _teams.AcceptAsync(invitee, invitationId);

        Assert.Empty(Codes(accepted));
        var inviteeId = await _teams.ViewerIdAsync(invitee);
        Assert.Contains(accepted.GetProperty("team").GetProperty("members").EnumerateArray(),
            m => m.GetProperty("developerId").GetString() == inviteeId && m.GetProperty("role").GetString() == "OWNER");
        Assert.Equal(["NOT_FOUND"], Codes(await _teams.AcceptAsync(invitee, invitationId)));
    }

    [Fact]
    public async Task An_OWNER_revokes_an_invitation_which_then_cannot_be_accepted_and_a_MEMBER_can_neither_invite_nor_revoke()
    {
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        var owner = await portal.DeveloperTokenAsync("revoking-owner");
        var member = await portal.DeveloperTokenAsync("revoking-member");
        var invitee = await portal.DeveloperTokenAsync("revoked-invitee");
        var teamId = await _teams.TeamWithMemberAsync(owner, member);
        var inviteeId = await _teams.ViewerIdAsync(invitee);
        var invitationId = await _teams.InvitationIdAsync(owner, teamId, developerId: inviteeId);

        Assert.Equal(["FORBIDDEN"], Codes(await _teams.InviteAsync(member, teamId, developerId: "someone")));
        Assert.Equal(["FORBIDDEN"], Codes(await _teams.RevokeAsync(member, invitationId)));
        Assert.Equal(["NOT_FOUND"], Codes(await _teams.RevokeAsync(invitee, invitationId)));

        var revoked = await _teams.RevokeAsync(owner, invitationId);

        Assert.Empty(Codes(revoked));
        Assert.Equal(0, revoked.GetProperty("team").GetProperty("invitations").GetArrayLength());
        Assert.Equal(["NOT_FOUND"], Codes(await _teams.AcceptAsync(invitee, invitationId)));
        Assert.Equal(0, (await host.GraphQL.SendAsync("{ viewer { invitations { id } } }", token: invitee)).At("viewer.invitations").GetArrayLength());
    }

    [Fact]
    public async Task A_MEMBER_uses_the_team_application_but_only_an_OWNER_updates_rotates_or_deletes_it()
    {
        var (portal, admin, product, plan) = await CatalogueAsync();
        var owner = await portal.DeveloperTokenAsync("rights-owner");
        var member = await portal.DeveloperTokenAsync("rights-member");
        var coOwner = await portal.DeveloperTokenAsync("rights-coowner");
        var teamId = await _teams.TeamWithMemberAsync(owner, member);
        var coOwnerInvitation = await _teams.InvitationIdAsync(owner, teamId, developerId: await _teams.ViewerIdAsync(coOwner), role: "OWNER");
        Assert.Empty(Codes(await _teams.AcceptAsync(coOwner, coOwnerInvitation)));
        var (requestId, applicationId) = await _teams.CheckoutForTeamAsync(owner, teamId, product, plan);
        Assert.Equal("ACTIVE", (await portal.ApproveAsync(admin, requestId)).GetProperty("status").GetString());
        const string update = "mutation($input: UpdateApplicationInput!) { updateApplication(input: $input) { application { description } errors { code } } }";
        const string rotate = "mutation($input: RotateSecretInput!) { rotateClientSecret(input: $input) { application { id } errors { code } } }";
        const string delete = "mutation($input: DeleteInput!) { deleteApplication(input: $input) { deletedId errors { code } } }";

        Assert.Equal(["FORBIDDEN"], Codes((await host.GraphQL.SendAsync(update, new { input = new { id = applicationId, description = "by a member" } }, member)).At("updateApplication")));
        Assert.Equal(["FORBIDDEN"], Codes((await host.GraphQL.SendAsync(rotate, new { input = new { applicationId, providerId = portal.ProviderId } }, member)).At("rotateClientSecret")));
        Assert.Equal(["FORBIDDEN"], Codes((await host.GraphQL.SendAsync(delete, new { input = new { id = applicationId } }, member)).At("deleteApplication")));

        var updated = (await host.GraphQL.SendAsync(update, new { input = new { id = applicationId, description = "by a co-owner" } }, coOwner)).At("updateApplication");
        Assert.Empty(Codes(updated));
        Assert.Empty(Codes((await host.GraphQL.SendAsync(rotate, new { input = new { applicationId, providerId = portal.ProviderId } }, coOwner)).At("rotateClientSecret")));
        var deleted = (await host.GraphQL.SendAsync(delete, new { input = new { id = applicationId } }, coOwner)).At("deleteApplication");
        Assert.Equal(applicationId, deleted.GetProperty("deletedId").GetString());
    }

    [Fact]
    public async Task The_last_OWNER_can_neither_leave_nor_be_removed_while_a_removed_member_loses_the_team_application_at_once()
    {
        var (portal, admin, product, plan) = await CatalogueAsync();
        var owner = await portal.DeveloperTokenAsync("last-owner");
        var member = await portal.DeveloperTokenAsync("leaving-member");
        var removed = await portal.DeveloperTokenAsync("removed-member");
        var teamId = await _teams.TeamWithMemberAsync(owner, member);
        var removedInvitation = await _teams.InvitationIdAsync(owner, teamId, developerId: await _teams.ViewerIdAsync(removed));
        Assert.Empty(Codes(await _teams.AcceptAsync(removed, removedInvitation)));
        var (requestId, applicationId) = await _teams.CheckoutForTeamAsync(owner, teamId, product, plan);
        Assert.Equal("ACTIVE", (await portal.ApproveAsync(admin, requestId)).GetProperty("status").GetString());
        var ownerId = await _teams.ViewerIdAsync(owner);
        var memberId = await _teams.ViewerIdAsync(member);
        var removedId = await _teams.ViewerIdAsync(removed);
        Assert.NotEqual(JsonValueKind.Null, (await _teams.ApplicationAsync(removed, applicationId)).ValueKind);

        Assert.Equal(["LAST_OWNER"], Codes(await _teams.RemoveAsync(owner, teamId, ownerId)));
        Assert.Equal(["FORBIDDEN"], Codes(await _teams.RemoveAsync(member, teamId, ownerId)));
        Assert.Empty(Codes(await _teams.RemoveAsync(member, teamId, memberId)));
        Assert.Empty(Codes(await _teams.RemoveAsync(owner, teamId, removedId)));

        Assert.Equal(JsonValueKind.Null, (await _teams.ApplicationAsync(removed, applicationId)).ValueKind);
        Assert.Equal(JsonValueKind.Null, (await _teams.ApplicationAsync(member, applicationId)).ValueKind);
        Assert.Equal(JsonValueKind.Null, (await host.GraphQL.SendAsync("query($id: ID!) { team(id: $id) { id } }", new { id = teamId }, removed)).At("team").ValueKind);
        var viewer = (await host.GraphQL.SendAsync("{ viewer { applications { id } teams { id } } }", token: removed)).At("viewer");
        Assert.Equal(0, viewer.GetProperty("applications").GetArrayLength());
        Assert.Equal(0, viewer.GetProperty("teams").GetArrayLength());
        var members = (await host.GraphQL.SendAsync("query($id: ID!) { team(id: $id) { members { developerId } } }", new { id = teamId }, owner)).At("team.members");
        Assert.Equal([ownerId], members.EnumerateArray().Select(m => m.GetProperty("developerId").GetString()));
    }

    [Fact]
    public async Task A_personal_application_moves_into_a_team_its_owner_OWNs_with_its_client_unchanged()
    {
        var (portal, admin, product, plan) = await CatalogueAsync();
        var owner = await portal.DeveloperTokenAsync("transfer-owner");
        var member = await portal.DeveloperTokenAsync("transfer-member");
        var teamId = await _teams.TeamWithMemberAsync(owner, member);
        var foreignTeam = await _teams.TeamWithMemberAsync(member, owner);
        var (requestId, applicationId) = await portal.CheckoutAsync(owner, product, plan);
        Assert.Equal("ACTIVE", (await portal.ApproveAsync(admin, requestId)).GetProperty("status").GetString());
        var before = Assert.Single((await _teams.ApplicationAsync(owner, applicationId)).GetProperty("credentials").EnumerateArray());

        Assert.Equal(["NOT_FOUND"], Codes(await _teams.TransferAsync(owner, applicationId, foreignTeam)));
        Assert.Equal(["NOT_FOUND"], Codes(await _teams.TransferAsync(member, applicationId, teamId)));

        var transferred = await _teams.TransferAsync(owner, applicationId, teamId);

        Assert.Empty(Codes(transferred));
        Assert.Equal(teamId, transferred.GetProperty("application").GetProperty("team").GetProperty("id").GetString());
        var seen = Assert.Single((await _teams.ApplicationAsync(member, applicationId)).GetProperty("credentials").EnumerateArray());
        Assert.Equal(before.GetProperty("clientId").GetString(), seen.GetProperty("clientId").GetString());
        Assert.Equal(before.GetProperty("clientSecret").GetString(), seen.GetProperty("clientSecret").GetString());
        var teamApplications = (await host.GraphQL.SendAsync("query($id: ID!) { team(id: $id) { applications { id } } }", new { id = teamId }, member)).At("team.applications");
        Assert.Equal(applicationId, Assert.Single(teamApplications.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task VerifyToken_names_a_team_application_to_a_member_until_the_member_is_removed_and_not_one_request_longer()
    {
        var (portal, admin, product, plan) = await CatalogueAsync();
        var owner = await portal.DeveloperTokenAsync("verify-owner");
        var member = await portal.DeveloperTokenAsync("verify-member");
        var teamId = await _teams.TeamWithMemberAsync(owner, member);
        var (requestId, applicationId) = await _teams.CheckoutForTeamAsync(owner, teamId, product, plan);
        Assert.Equal("ACTIVE", (await portal.ApproveAsync(admin, requestId)).GetProperty("status").GetString());
        var credentials = Assert.Single((await portal.CredentialsAsync(member, applicationId)).GetProperty("credentials").EnumerateArray());
        var flow = new GatewayFlow(portal, DevIdentityProvider.Shared);
        var token = await flow.AccessTokenAsync(new ProvisionedClient(
            applicationId, product, plan, credentials.GetProperty("clientId").GetString()!, credentials.GetProperty("clientSecret").GetString()!,
            portal.Scope("teams.read"), portal.Scope("plan.teams"), owner), portal.Scope("teams.read"));
        Assert.Equal(applicationId, (await flow.VerifyOnceIssuerKnownAsync(token, member)).GetProperty("applicationId").GetString());
        Assert.Equal(applicationId, (await flow.VerifyAsync(token, member)).GetProperty("applicationId").GetString());

        Assert.Empty(Codes(await _teams.RemoveAsync(owner, teamId, await _teams.ViewerIdAsync(member))));

        var after = await flow.VerifyAsync(token, member);
        Assert.True(after.GetProperty("valid").GetBoolean(), after.ToString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("applicationId").ValueKind);
    }

    private async Task<(PortalScenario Portal, string Admin, string Product, string Plan)> CatalogueAsync()
    {
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "teams", "teams.read");
        var plan = await portal.CreatePlanAsync(admin, "teams", autoApprove: false, "plan.teams");
        return (portal, admin, product, plan);
    }
}
