using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;

namespace PortalGrains.IntegrationTests.Teams;

/// <summary>The team mutations and queries as a portal front end sends them.</summary>
public sealed class TeamCalls(GraphQLClient graphQL)
{
    public const string CreateTeam = "mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { id name members { developerId role } } errors { code message } } }";

    public const string InviteTeamMember = """
        mutation($input: InviteTeamMemberInput!) {
          inviteTeamMember(input: $input) { invitation { id developerId email role invitedBy expiresAt team { id name } } errors { code message field } }
        }
        """;

    public const string AcceptTeamInvitation = "mutation($input: IdInput!) { acceptTeamInvitation(input: $input) { team { id members { developerId role } } errors { code message } } }";

    public const string RevokeTeamInvitation = "mutation($input: IdInput!) { revokeTeamInvitation(input: $input) { team { id invitations { id } } errors { code message } } }";

    public const string RemoveTeamMember = "mutation($input: RemoveTeamMemberInput!) { removeTeamMember(input: $input) { team { id members { developerId role } } errors { code message } } }";

    public const string TransferApplication = "mutation($input: TransferApplicationInput!) { transferApplication(input: $input) { application { id team { id } } errors { code message } } }";

    public const string ApplicationWithSecret = "query($id: ID!) { application(id: $id) { id team { id } credentials { clientId clientSecret } } }";

    public GraphQLClient GraphQL => graphQL;

    public async Task<string> CreateTeamAsync(string token, string name) =>
        (await graphQL.SendAsync(CreateTeam, new { input = new { name } }, token)).Payload("createTeam").GetProperty("team").GetProperty("id").GetString()!;

    public async Task<JsonElement> InviteAsync(string token, string teamId, string? developerId = null, string? email = null, string role = "MEMBER") =>
        (await graphQL.SendAsync(InviteTeamMember, new { input = new { teamId, developerId, email, role } }, token)).At("inviteTeamMember");

    public async Task<string> InvitationIdAsync(string token, string teamId, string? developerId = null, string? email = null, string role = "MEMBER") =>
        (await InviteAsync(token, teamId, developerId, email, role)).GetProperty("invitation").GetProperty("id").GetString()
            ?? throw new InvalidOperationException("the invitation was refused");

    public async Task<JsonElement> AcceptAsync(string token, string invitationId) =>
        (await graphQL.SendAsync(AcceptTeamInvitation, new { input = new { id = invitationId } }, token)).At("acceptTeamInvitation");

    public async Task<JsonElement> RevokeAsync(string token, string invitationId) =>
        (await graphQL.SendAsync(RevokeTeamInvitation, new { input = new { id = invitationId } }, token)).At("revokeTeamInvitation");

    public async Task<JsonElement> RemoveAsync(string token, string teamId, string developerId) =>
        (await graphQL.SendAsync(RemoveTeamMember, new { input = new { teamId, developerId } }, token)).At("removeTeamMember");

    public async Task<JsonElement> TransferAsync(string token, string applicationId, string teamId) =>
        (await graphQL.SendAsync(TransferApplication, new { input = new { applicationId, teamId } }, token)).At("transferApplication");

    /// <summary>Creates a team and brings <paramref name="memberToken"/> into it with <paramref name="role"/>.</summary>
    public async Task<string> TeamWithMemberAsync(string ownerToken, string memberToken, string role = "MEMBER")
    {
        var teamId = await CreateTeamAsync(ownerToken, "Team " + Guid.NewGuid().ToString("N")[..6]);
        var invitation = await InvitationIdAsync(ownerToken, teamId, developerId: await ViewerIdAsync(memberToken), role: role);
        Assert.Empty(Codes(await AcceptAsync(memberToken, invitation)));
        return teamId;
    }

    /// <summary>A new application of <paramref name="token"/>'s team, checked out (PENDING) for the product and plan.</summary>
    public async Task<(string RequestId, string ApplicationId)> CheckoutForTeamAsync(string token, string teamId, string productId, string planId)
    {
        var response = await graphQL.SendAsync(PortalScenario.CheckoutMutation, new
        {
            input = new
            {
                productId, planId, clientTypeId = PortalScenario.M2mClientType,
                newApplication = new { name = "Team app", description = "shared", teamId },
            },
        }, token);
        var request = response.Payload("checkout").GetProperty("accessRequest");
        return (request.GetProperty("id").GetString()!, request.GetProperty("application").GetProperty("id").GetString()!);
    }

    public async Task<string> ViewerIdAsync(string token) =>
        (await graphQL.SendAsync("{ viewer { id } }", token: token)).At("viewer.id").GetString()!;

    public async Task<JsonElement> ApplicationAsync(string token, string applicationId) =>
        (await graphQL.SendAsync(ApplicationWithSecret, new { id = applicationId }, token)).At("application");

    public static IReadOnlyList<string?> Codes(JsonElement payload) =>
        [.. payload.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString())];
}
