using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using static PortalGrains.IntegrationTests.Security.MatrixExpectations;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>
/// The rows of the authorization matrix on A's team T and its applications. The rules: T's members (OWNER C and
/// MEMBER D, A as OWNER too) see T's applications with their client secrets and check out for them; only OWNERs
/// update, rotate, delete, revoke access requests, invite, revoke invitations and remove members (a MEMBER gets
/// FORBIDDEN); E, removed from T,
/// and B, in none of A's teams, get what anyone gets for something they may not see (null, NOT_FOUND); admins see T
/// and its applications (never a secret) and delete them, but change nothing else of T.
/// </summary>
internal static class TeamCases
{
    public static void Add(List<AuthorizationCase> rows, Action<string, string, Func<AuthorizationWorld, object?>, TeamOutcomes> teamRows)
    {
        void Operation(string name, string query, Func<AuthorizationWorld, object?> variables,
            Outcome anonymous, Outcome owner, Outcome teamOwner, Outcome teamMember, Outcome former, Outcome other, Outcome admin)
        {
            rows.Add(new($"{name} as anonymous", MatrixCaller.Anonymous, query, variables, anonymous.Expect, anonymous.Unchanged));
            rows.Add(new($"{name} as owner", MatrixCaller.Owner, query, variables, owner.Expect, owner.Unchanged));
            rows.Add(new($"{name} as other developer", MatrixCaller.Other, query, variables, other.Expect, other.Unchanged));
            rows.Add(new($"{name} as admin", MatrixCaller.Admin, query, variables, admin.Expect, admin.Unchanged));
            teamRows(name, query, variables, new TeamOutcomes(teamOwner, teamMember, former));
        }

        void Row(string name, MatrixCaller caller, string query, Func<AuthorizationWorld, object?> variables, Outcome outcome) =>
            rows.Add(new($"{name} as {CallerName(caller)}", caller, query, variables, outcome.Expect, outcome.Unchanged));

        // ---- Queries -------------------------------------------------------------------------------------------

        const string application = "query($id: ID!) { application(id: $id) { id team { id } } }";
        var inTeam = new Outcome(Data("application.team", (v, w) => Assert.Equal(w.Team.TeamId, v.GetProperty("id").GetString())));
        Operation("application(id) of a team application", application, w => Vars(("id", w.Team.ApplicationId)),
            new(Refused("application", Unauthenticated)), inTeam, inTeam, inTeam, new(Null("application")), new(Null("application")), inTeam);

        const string secret = "query($id: ID!) { application(id: $id) { credentials { clientId clientSecret } } }";
        var withSecret = new Outcome(Data("application.credentials", (v, w) =>
        {
            var credentials = Assert.Single(v.EnumerateArray());
            Assert.Equal(w.Team.ClientId, credentials.GetProperty("clientId").GetString());
            Assert.False(string.IsNullOrEmpty(credentials.GetProperty("clientSecret").GetString()));
        }));
        Operation("application(id).credentials.clientSecret of a team application", secret, w => Vars(("id", w.Team.ApplicationId)),
            new(Refused("application", Unauthenticated)), withSecret, withSecret, withSecret, new(Null("application")), new(Null("application")),
            new(Data("application.credentials", (v, w) =>
            {
                var credentials = Assert.Single(v.EnumerateArray());
                Assert.Equal(w.Team.ClientId, credentials.GetProperty("clientId").GetString());
                Assert.Equal(JsonValueKind.Null, credentials.GetProperty("clientSecret").ValueKind);
            })));

        const string requests = "query($id: ID!) { application(id: $id) { accessRequests { id } } }";
        var withRequest = new Outcome(Data("application.accessRequests", (v, w) => Assert.Contains(w.Team.RequestId, Ids(v))));
        Operation("application(id).accessRequests of a team application", requests, w => Vars(("id", w.Team.ApplicationId)),
            new(Refused("application", Unauthenticated)), withRequest, withRequest, withRequest, new(Null("application")), new(Null("application")), withRequest);

        const string request = "query($id: ID!) { accessRequest(id: $id) { id application { id credentials { clientSecret } } } }";
        var requestWithSecret = new Outcome(Data("accessRequest.application", (v, w) =>
        {
            Assert.Equal(w.Team.ApplicationId, v.GetProperty("id").GetString());
            Assert.False(string.IsNullOrEmpty(Assert.Single(v.GetProperty("credentials").EnumerateArray()).GetProperty("clientSecret").GetString()));
        }));
        Operation("accessRequest(id).application.credentials.clientSecret of a team application", request, w => Vars(("id", w.Team.RequestId)),
            new(Refused("accessRequest", Unauthenticated)), requestWithSecret, requestWithSecret, requestWithSecret,
            new(Null("accessRequest")), new(Null("accessRequest")),
            new(Data("accessRequest.application", (v, _) =>
                Assert.Equal(JsonValueKind.Null, Assert.Single(v.GetProperty("credentials").EnumerateArray()).GetProperty("clientSecret").ValueKind))));

        const string team = "query($id: ID!) { team(id: $id) { id members { developerId role } invitations { id } applications { id } } }";
        Outcome TeamSeen(bool withInvitations) => new(Data("team", (v, w) =>
        {
            Assert.Contains(v.GetProperty("members").EnumerateArray(), m => m.GetProperty("developerId").GetString() == w.Team.MemberId && m.GetProperty("role").GetString() == "MEMBER");
            Assert.DoesNotContain(v.GetProperty("members").EnumerateArray(), m => m.GetProperty("developerId").GetString() == w.Team.FormerMemberId);
            Assert.Contains(w.Team.ApplicationId, Ids(v.GetProperty("applications")));
            if (withInvitations)
            {
                Assert.Contains(w.Team.StandingInvitationId, Ids(v.GetProperty("invitations")));
            }
            else
            {
                Assert.Equal(0, v.GetProperty("invitations").GetArrayLength());
            }
        }));
        Operation("team(id)", team, w => Vars(("id", w.Team.TeamId)),
            new(Refused("team", Unauthenticated)), TeamSeen(true), TeamSeen(true), TeamSeen(false), new(Null("team")), new(Null("team")), TeamSeen(false));

        const string viewerTeams = "{ viewer { teams { id } invitations { id } } }";
        var member = new Outcome(Data("viewer.teams", (v, w) => Assert.Contains(w.Team.TeamId, Ids(v))));
        var notMember = new Outcome(Data("viewer.teams", (v, w) => Assert.DoesNotContain(w.Team.TeamId, Ids(v))));
        Operation("viewer.teams and viewer.invitations", viewerTeams, _ => null,
            new(Refused("viewer", Unauthenticated)), member, member, member, notMember,
            new(Data("viewer", (v, w) =>
            {
                Assert.DoesNotContain(w.Team.TeamId, Ids(v.GetProperty("teams")));
                Assert.Contains(w.Team.ForOther, Ids(v.GetProperty("invitations")));
            })),
            notMember);

        // ---- Mutations -----------------------------------------------------------------------------------------

        const string checkout = "mutation($input: CheckoutInput!) { checkout(input: $input) { accessRequest { id status } errors { code } } }";
        var checkedOut = new Outcome(Succeeded("checkout", (v, _) => Assert.Equal("PENDING", v.GetProperty("accessRequest").GetProperty("status").GetString())));
        var checkoutRefused = new Outcome(UserError("checkout", "accessRequest", NotFound), TeamApplicationOf);
        Operation("checkout for a team application", checkout,
            w => Vars(("input", new { productId = w.ProductId, planId = w.PlanId, applicationId = w.Team.ApplicationId, clientTypeId = "m2m" })),
            new(Refused("checkout", Unauthenticated), TeamApplicationOf), checkedOut, checkedOut, checkedOut, checkoutRefused, checkoutRefused, checkoutRefused);

        const string update = "mutation($input: UpdateApplicationInput!) { updateApplication(input: $input) { application { id description } errors { code } } }";
        var updated = new Outcome(Succeeded("updateApplication", (v, _) => Assert.Equal("changed by the team matrix", v.GetProperty("application").GetProperty("description").GetString())));
        Operation("updateApplication of a team application", update, w => Vars(("input", new { id = w.Team.ApplicationId, description = "changed by the team matrix" })),
            new(Refused("updateApplication", Unauthenticated), TeamApplicationOf), updated, updated,
            new(UserError("updateApplication", "application", Forbidden), TeamApplicationOf),
            new(UserError("updateApplication", "application", NotFound), TeamApplicationOf),
            new(UserError("updateApplication", "application", NotFound), TeamApplicationOf),
            new(UserError("updateApplication", "application", NotFound), TeamApplicationOf));

        const string rotate = "mutation($input: RotateSecretInput!) { rotateClientSecret(input: $input) { application { id } errors { code } } }";
        var rotated = new Outcome(Succeeded("rotateClientSecret", (v, w) => Assert.Equal(w.Team.RotatedApplicationId, v.GetProperty("application").GetProperty("id").GetString())));
        Operation("rotateClientSecret of a team application", rotate, w => Vars(("input", new { applicationId = w.Team.RotatedApplicationId, providerId = w.ProviderId })),
            new(Refused("rotateClientSecret", Unauthenticated), TeamRotatedOf), rotated, rotated,
            new(UserError("rotateClientSecret", "application", Forbidden), TeamRotatedOf),
            new(UserError("rotateClientSecret", "application", NotFound), TeamRotatedOf),
            new(UserError("rotateClientSecret", "application", NotFound), TeamRotatedOf),
            new(UserError("rotateClientSecret", "application", NotFound), TeamRotatedOf));

        const string delete = "mutation($input: DeleteInput!) { deleteApplication(input: $input) { deletedId errors { code } } }";
        const string deleteName = "deleteApplication of a team application";
        Outcome Deleted(Func<AuthorizationWorld, string> id) => new(Succeeded("deleteApplication", (v, w) => Assert.Equal(id(w), v.GetProperty("deletedId").GetString())));
        Row(deleteName, MatrixCaller.Anonymous, delete, w => Vars(("input", new { id = w.Team.ApplicationId })), new(Refused("deleteApplication", Unauthenticated), TeamApplicationOf));
        Row(deleteName, MatrixCaller.Owner, delete, w => Vars(("input", new { id = w.Team.DeletedByOwner })), Deleted(w => w.Team.DeletedByOwner));
        Row(deleteName, MatrixCaller.TeamOwner, delete, w => Vars(("input", new { id = w.Team.DeletedByTeamOwner })), Deleted(w => w.Team.DeletedByTeamOwner));
        Row(deleteName, MatrixCaller.Admin, delete, w => Vars(("input", new { id = w.Team.DeletedByAdmin })), Deleted(w => w.Team.DeletedByAdmin));
        Row(deleteName, MatrixCaller.TeamMember, delete, w => Vars(("input", new { id = w.Team.ApplicationId })), new(UserError("deleteApplication", "deletedId", Forbidden), TeamApplicationOf));
        Row(deleteName, MatrixCaller.FormerMember, delete, w => Vars(("input", new { id = w.Team.ApplicationId })), new(UserError("deleteApplication", "deletedId", NotFound), TeamApplicationOf));
        Row(deleteName, MatrixCaller.Other, delete, w => Vars(("input", new { id = w.Team.ApplicationId })), new(UserError("deleteApplication", "deletedId", NotFound), TeamApplicationOf));

        const string revokeRequest = "mutation($input: DecideInput!) { revokeAccessRequest(input: $input) { accessRequest { id status } errors { code } } }";
        const string revokeRequestName = "revokeAccessRequest of a team application's request";
        var requestRevoked = new Outcome(Succeeded("revokeAccessRequest", (v, _) => Assert.Equal("REVOKED", v.GetProperty("accessRequest").GetProperty("status").GetString())));
        Func<AuthorizationWorld, object?> activeTeamRequest = w => Vars(("input", new { id = w.Team.RequestId }));
        Row(revokeRequestName, MatrixCaller.Anonymous, revokeRequest, activeTeamRequest, new(Refused("revokeAccessRequest", Unauthenticated), TeamApplicationOf));
        Row(revokeRequestName, MatrixCaller.Owner, revokeRequest, w => Vars(("input", new { id = w.Team.RevokedRequestByOwner })), requestRevoked);
        Row(revokeRequestName, MatrixCaller.TeamOwner, revokeRequest, w => Vars(("input", new { id = w.Team.RevokedRequestByTeamOwner })), requestRevoked);
        Row(revokeRequestName, MatrixCaller.Admin, revokeRequest, w => Vars(("input", new { id = w.Team.RevokedRequestByAdmin })), requestRevoked);
        Row(revokeRequestName, MatrixCaller.TeamMember, revokeRequest, activeTeamRequest, new(UserError("revokeAccessRequest", "accessRequest", Forbidden), TeamApplicationOf));
        Row(revokeRequestName, MatrixCaller.FormerMember, revokeRequest, activeTeamRequest, new(UserError("revokeAccessRequest", "accessRequest", NotFound), TeamApplicationOf));
        Row(revokeRequestName, MatrixCaller.Other, revokeRequest, activeTeamRequest, new(UserError("revokeAccessRequest", "accessRequest", NotFound), TeamApplicationOf));

        const string transfer = "mutation($input: TransferApplicationInput!) { transferApplication(input: $input) { application { id team { id } } errors { code } } }";
        const string transferName = "transferApplication";
        Outcome Transferred(Func<AuthorizationWorld, string> id) => new(Succeeded("transferApplication", (v, w) =>
        {
            Assert.Equal(id(w), v.GetProperty("application").GetProperty("id").GetString());
            Assert.Equal(w.Team.TeamId, v.GetProperty("application").GetProperty("team").GetProperty("id").GetString());
        }));
        var transferRefused = new Outcome(UserError("transferApplication", "application", NotFound), AuthorizationCases.ApplicationOf);
        Func<AuthorizationWorld, object?> personal = w => Vars(("input", new { applicationId = w.ApplicationId, teamId = w.Team.TeamId }));
        Row(transferName, MatrixCaller.Anonymous, transfer, personal, new(Refused("transferApplication", Unauthenticated), AuthorizationCases.ApplicationOf));
        Row(transferName, MatrixCaller.Owner, transfer, w => Vars(("input", new { applicationId = w.Team.TransferredByOwner, teamId = w.Team.TeamId })), Transferred(w => w.Team.TransferredByOwner));
        Row(transferName, MatrixCaller.Admin, transfer, w => Vars(("input", new { applicationId = w.Team.TransferredByAdmin, teamId = w.Team.TeamId })), Transferred(w => w.Team.TransferredByAdmin));
        Row(transferName, MatrixCaller.TeamOwner, transfer, personal, transferRefused);
        Row(transferName, MatrixCaller.TeamMember, transfer, personal, transferRefused);
        Row(transferName, MatrixCaller.FormerMember, transfer, personal, transferRefused);
        Row(transferName, MatrixCaller.Other, transfer, personal, transferRefused);

        const string createTeam = "mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { id name members { role } } errors { code } } }";
        var created = new Outcome(Succeeded("createTeam", (v, _) =>
        {
            Assert.Equal("Matrix team", v.GetProperty("team").GetProperty("name").GetString());
            Assert.Equal("OWNER", Assert.Single(v.GetProperty("team").GetProperty("members").EnumerateArray()).GetProperty("role").GetString());
        }));
        Operation("createTeam", createTeam, _ => Vars(("input", new { name = "Matrix team" })),
            new(Refused("createTeam", Unauthenticated)), created, created, created, created, created, created);

        const string invite = "mutation($input: InviteTeamMemberInput!) { inviteTeamMember(input: $input) { invitation { id role } errors { code } } }";
        var invited = new Outcome(Succeeded("inviteTeamMember", (v, _) => Assert.Equal("MEMBER", v.GetProperty("invitation").GetProperty("role").GetString())));
        Operation("inviteTeamMember", invite, w => Vars(("input", new { teamId = w.Team.TeamId, developerId = "invited-" + Guid.NewGuid().ToString("N")[..8] })),
            new(Refused("inviteTeamMember", Unauthenticated), TeamOf), invited, invited,
            new(UserError("inviteTeamMember", "invitation", Forbidden), TeamOf),
            new(UserError("inviteTeamMember", "invitation", NotFound), TeamOf),
            new(UserError("inviteTeamMember", "invitation", NotFound), TeamOf),
            new(UserError("inviteTeamMember", "invitation", NotFound), TeamOf));

        const string accept = "mutation($input: IdInput!) { acceptTeamInvitation(input: $input) { team { id } errors { code } } }";
        const string acceptName = "acceptTeamInvitation";
        Func<AuthorizationWorld, object?> forOther = w => Vars(("input", new { id = w.Team.ForOther }));
        var notYours = new Outcome(UserError("acceptTeamInvitation", "team", NotFound), WaitingTeamOf);
        Row(acceptName, MatrixCaller.Anonymous, accept, forOther, new(Refused("acceptTeamInvitation", Unauthenticated), WaitingTeamOf));
        Row(acceptName, MatrixCaller.Other, accept, w => Vars(("input", new { id = w.Team.AcceptedByOther })),
            new(Succeeded("acceptTeamInvitation", (v, _) => Assert.False(string.IsNullOrEmpty(v.GetProperty("team").GetProperty("id").GetString())))));
        foreach (var caller in new[] { MatrixCaller.Owner, MatrixCaller.TeamOwner, MatrixCaller.TeamMember, MatrixCaller.FormerMember, MatrixCaller.Admin })
        {
            Row(acceptName, caller, accept, forOther, notYours);
        }

        const string revoke = "mutation($input: IdInput!) { revokeTeamInvitation(input: $input) { team { id } errors { code } } }";
        const string revokeName = "revokeTeamInvitation";
        Func<AuthorizationWorld, object?> standing = w => Vars(("input", new { id = w.Team.StandingInvitationId }));
        var revoked = new Outcome(Succeeded("revokeTeamInvitation", (v, w) => Assert.Equal(w.Team.TeamId, v.GetProperty("team").GetProperty("id").GetString())));
        Row(revokeName, MatrixCaller.Anonymous, revoke, standing, new(Refused("revokeTeamInvitation", Unauthenticated), TeamOf));
        Row(revokeName, MatrixCaller.Owner, revoke, w => Vars(("input", new { id = w.Team.RevokedByOwner })), revoked);
        Row(revokeName, MatrixCaller.TeamOwner, revoke, w => Vars(("input", new { id = w.Team.RevokedByTeamOwner })), revoked);
        Row(revokeName, MatrixCaller.TeamMember, revoke, standing, new(UserError("revokeTeamInvitation", "team", Forbidden), TeamOf));
        foreach (var caller in new[] { MatrixCaller.FormerMember, MatrixCaller.Other, MatrixCaller.Admin })
        {
            Row(revokeName, caller, revoke, standing, new(UserError("revokeTeamInvitation", "team", NotFound), TeamOf));
        }

        const string remove = "mutation($input: RemoveTeamMemberInput!) { removeTeamMember(input: $input) { team { id members { developerId } } errors { code } } }";
        const string removeName = "removeTeamMember";
        Outcome Removed(Func<AuthorizationWorld, string> id) => new(Succeeded("removeTeamMember", (v, w) =>
            Assert.DoesNotContain(id(w), v.GetProperty("team").GetProperty("members").EnumerateArray().Select(m => m.GetProperty("developerId").GetString()))));
        Func<AuthorizationWorld, object?> removeCoOwner = w => Vars(("input", new { teamId = w.Team.TeamId, developerId = w.Team.OwnerId }));
        Row(removeName, MatrixCaller.Anonymous, remove, removeCoOwner, new(Refused("removeTeamMember", Unauthenticated), TeamOf));
        Row(removeName, MatrixCaller.Owner, remove, w => Vars(("input", new { teamId = w.Team.TeamId, developerId = w.Team.RemovedByOwner })), Removed(w => w.Team.RemovedByOwner));
        Row(removeName, MatrixCaller.TeamOwner, remove, w => Vars(("input", new { teamId = w.Team.TeamId, developerId = w.Team.RemovedByTeamOwner })), Removed(w => w.Team.RemovedByTeamOwner));
        Row(removeName, MatrixCaller.TeamMember, remove, removeCoOwner, new(UserError("removeTeamMember", "team", Forbidden), TeamOf));
        foreach (var caller in new[] { MatrixCaller.FormerMember, MatrixCaller.Other, MatrixCaller.Admin })
        {
            Row(removeName, caller, remove, w => Vars(("input", new { teamId = w.Team.TeamId, developerId = w.Team.MemberId })),
                new(UserError("removeTeamMember", "team", NotFound), TeamOf));
        }
    }

    private static string CallerName(MatrixCaller caller) => caller switch
    {
        MatrixCaller.Anonymous => "anonymous",
        MatrixCaller.Owner => "owner",
        MatrixCaller.Other => "other developer",
        MatrixCaller.Admin => "admin",
        MatrixCaller.TeamOwner => "team OWNER",
        MatrixCaller.TeamMember => "team MEMBER",
        MatrixCaller.FormerMember => "former team member",
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    // ---- What a refused change must leave as it was, read by A -----------------------------------------------------

    private static Task<string> TeamApplicationOf(AuthorizationWorld world) => AuthorizationCases.ApplicationSnapshotAsync(world, world.Team.ApplicationId);

    private static Task<string> TeamRotatedOf(AuthorizationWorld world) => AuthorizationCases.ApplicationSnapshotAsync(world, world.Team.RotatedApplicationId);

    private static Task<string> TeamOf(AuthorizationWorld world) => TeamSnapshotAsync(world, world.Team.TeamId);

    private static Task<string> WaitingTeamOf(AuthorizationWorld world) => TeamSnapshotAsync(world, world.Team.ForOtherTeamId);

    private static async Task<string> TeamSnapshotAsync(AuthorizationWorld world, string teamId) => (await world.Portal.GraphQL.SendAsync(
        "query($id: ID!) { team(id: $id) { id name members { developerId role } invitations { id } applications { id } } }",
        new { id = teamId }, world.OwnerToken)).At("team").ToString();
}
