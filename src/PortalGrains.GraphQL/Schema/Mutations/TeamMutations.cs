using GraphQL;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Teams;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Inputs;
using PortalGrains.GraphQL.Schema.Models;

namespace PortalGrains.GraphQL.Schema.Mutations;

/// <summary>
/// Team mutations. The team grain checks the caller's role; a team the caller is no member of is NOT_FOUND, so that the
/// answer does not reveal that it exists.
/// </summary>
internal static class TeamMutations
{
    public static async Task<MutationPayload<TeamView>> CreateAsync(IResolveFieldContext context)
    {
        var portal = context.Portal();
        var user = portal.RequireUser();
        var input = context.GetArgument<CreateTeamInput>("input");
        var validator = new InputValidator().RequiredText(input.Name, InputLimits.MaxNameLength, "name");
        if (validator.HasErrors)
        {
            return MutationPayload<TeamView>.Failure(validator.Errors);
        }

        await portal.GetOrCreateProfileAsync();
        var result = await portal.Grains.GetGrain<ITeamGrain>(TeamIds.NewTeamId()).CreateAsync(input.Name, user.ToCaller(), portal.CancellationToken);
        return Remembered(portal, result);
    }

    public static async Task<MutationPayload<TeamInvitationView>> InviteAsync(IResolveFieldContext context)
    {
        var portal = context.Portal();
        var user = portal.RequireUser();
        var input = context.GetArgument<InviteTeamMemberInput>("input");
        var validator = new InputValidator()
            .Id(input.TeamId, "teamId")
            .Id(input.DeveloperId, "developerId")
            .Text(input.Email, InputLimits.MaxEmailLength, "email");
        if (validator.HasErrors)
        {
            return MutationPayload<TeamInvitationView>.Failure(validator.Errors);
        }

        var result = await portal.Grains.GetGrain<ITeamGrain>(input.TeamId)
            .InviteAsync(input.DeveloperId, input.Email, input.Role, user.ToCaller(), portal.CancellationToken);
        return MutationPayload<TeamInvitationView>.From(result);
    }

    /// <summary>The invited developer (by id, or by the e-mail claim of the login token) joins the team.</summary>
    public static Task<MutationPayload<TeamView>> AcceptAsync(IResolveFieldContext context) =>
        InvitationCommandAsync(context, "No invitation for you has this id.", async (team, invitationId, portal) =>
        {
            var user = portal.RequireUser();
            await portal.GetOrCreateProfileAsync();
            var result = await team.AcceptAsync(invitationId, user.ToCaller(), user.Email, portal.CancellationToken);
            portal.ForgetTeamRoles();
            return result;
        });

    public static Task<MutationPayload<TeamView>> RevokeInvitationAsync(IResolveFieldContext context) =>
        InvitationCommandAsync(context, "No team of yours has this invitation.", (team, invitationId, portal) =>
            team.RevokeInvitationAsync(invitationId, portal.RequireCaller(), portal.CancellationToken));

    public static async Task<MutationPayload<TeamView>> RemoveMemberAsync(IResolveFieldContext context)
    {
        var portal = context.Portal();
        var user = portal.RequireUser();
        var input = context.GetArgument<RemoveTeamMemberInput>("input");
        var validator = new InputValidator().Id(input.TeamId, "teamId").Id(input.DeveloperId, "developerId");
        if (validator.HasErrors)
        {
            return MutationPayload<TeamView>.Failure(validator.Errors);
        }

        var result = await portal.Grains.GetGrain<ITeamGrain>(input.TeamId).RemoveMemberAsync(input.DeveloperId, user.ToCaller(), portal.CancellationToken);
        portal.ForgetTeamRoles();
        return Remembered(portal, result);
    }

    /// <summary>A command on an invitation, sent to the team its id names (<see cref="TeamIds"/>).</summary>
    private static async Task<MutationPayload<TeamView>> InvitationCommandAsync(
        IResolveFieldContext context, string notFound, Func<ITeamGrain, string, PortalUserContext, Task<CommandResult<TeamView>>> command)
    {
        var portal = context.Portal();
        portal.RequireUser();
        var input = context.GetArgument<IdInput>("input");
        var validator = new InputValidator().Id(input.Id, "id");
        if (validator.HasErrors)
        {
            return MutationPayload<TeamView>.Failure(validator.Errors);
        }

        if (TeamIds.TeamOfInvitation(input.Id) is not { } teamId)
        {
            return MutationPayload<TeamView>.Failure(UserError.For(UserErrorCodes.NotFound, notFound, InputValidator.InputArgument, "id"));
        }

        return Remembered(portal, await command(portal.Grains.GetGrain<ITeamGrain>(teamId), input.Id, portal));
    }

    private static MutationPayload<TeamView> Remembered(PortalUserContext portal, CommandResult<TeamView> result)
    {
        if (result is { Succeeded: true, Value: { } view })
        {
            portal.Remember(view);
        }

        return MutationPayload<TeamView>.From(result);
    }
}
