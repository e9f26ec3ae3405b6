using GraphQL.Types;
using PortalGrains.Abstractions.Teams;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Models;
using PortalGrains.GraphQL.Schema.Scalars;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class ViewerType : ObjectGraphType<ViewerModel>
{
    public ViewerType()
    {
        Name = "Viewer";
        Description = "the caller: the login token's subject and the developer profile kept for it";
        Field<NonNullGraphType<IdGraphType>>("id").Description("the login token's 'sub'").Resolve(c => c.Source.User.Id);
        Field<NonNullGraphType<BooleanGraphType>>("isAdmin").Resolve(c => c.Source.User.IsAdmin);
        Field<StringGraphType>("email").Resolve(c => c.Source.Profile.Email ?? c.Source.User.Email);
        Field<StringGraphType>("name").Resolve(c => c.Source.Profile.Name ?? c.Source.User.Name);
        Field<NonNullGraphType<DateTimeScalarType>>("createdAt").Description("when the profile was created").Resolve(c => c.Source.Profile.CreatedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApplicationType>>>>("applications")
            .Description("own applications and those of the caller's teams")
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                var teams = await Task.WhenAll((await portal.GetTeamRolesAsync()).Keys.Select(portal.GetTeamAsync));
                var ids = c.Source.Profile.ApplicationIds.OrEmpty()
                    .Concat(teams.OfType<TeamView>().SelectMany(t => t.ApplicationIds.OrEmpty()))
                    .Distinct(StringComparer.Ordinal);
                var applications = await Task.WhenAll(ids.Select(portal.GetVisibleApplicationAsync));
                return applications.OfType<Abstractions.Applications.ApplicationView>().ToList();
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccessRequestType>>>>("accessRequests")
            .ResolveAsync(async c => await c.Portal().GetVisibleAccessRequestsAsync(c.Source.Profile.AccessRequestIds.OrEmpty()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TeamType>>>>("teams")
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                var teams = await Task.WhenAll((await portal.GetTeamRolesAsync()).Keys.Select(portal.GetTeamAsync));
                return teams.OfType<TeamView>().OrderBy(t => t.CreatedAt).ToList();
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TeamInvitationType>>>>("invitations")
            .Description("open invitations addressed to the caller (by developer id, or by e-mail when the login token's email claim matches)")
            .ResolveAsync(async c => await OpenInvitationsAsync(c.Portal(), c.Source.User));
    }

    /// <summary>The inboxes of the caller's id and e-mail claim, each entry confirmed by its team (the truth about what is still open).</summary>
    private static async Task<IReadOnlyList<TeamInvitationView>> OpenInvitationsAsync(PortalUserContext portal, Auth.PortalUser user)
    {
        var keys = new List<string> { TeamInvitationInboxKeys.ForDeveloper(user.Id) };
        if (user.Email is { } email)
        {
            keys.Add(TeamInvitationInboxKeys.ForEmail(email));
        }

        var inboxes = await Task.WhenAll(keys.Select(k => portal.Grains.GetGrain<ITeamInvitationInboxGrain>(k).ListAsync(portal.CancellationToken)));
        var open = new List<TeamInvitationView>();
        foreach (var invitation in inboxes.SelectMany(i => i.OrEmpty()).DistinctBy(i => i.Id))
        {
            if (await portal.GetTeamAsync(invitation.TeamId) is { } team && team.Invitations.OrEmpty().FirstOrDefault(i => i.Id == invitation.Id) is { } current)
            {
                open.Add(current);
            }
        }

        return open;
    }
}
