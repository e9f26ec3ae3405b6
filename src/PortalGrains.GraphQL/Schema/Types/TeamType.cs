using GraphQL.Types;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Teams;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Scalars;

namespace PortalGrains.GraphQL.Schema.Types;

/// <summary>
/// A team. Members and admins read all of it; an invitee reaching it through an invitation reads its id and name only.
/// Invitations are for the team's OWNERs.
/// </summary>
public sealed class TeamType : ObjectGraphType<TeamView>
{
    public TeamType()
    {
        Name = "Team";
        Description = "developers who share applications";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TeamMemberType>>>>("members")
            .ResolveAsync(async c => await MayReadAsync(c.Portal(), c.Source) ? c.Source.Members.OrEmpty() : []);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TeamInvitationType>>>>("invitations")
            .Description("owners only (empty for others)")
            .ResolveAsync(async c => await c.Portal().GetTeamRoleAsync(c.Source.Id) == TeamRole.Owner ? c.Source.Invitations.OrEmpty() : []);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApplicationType>>>>("applications")
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                if (!await MayReadAsync(portal, c.Source))
                {
                    return new List<ApplicationView>();
                }

                var applications = await Task.WhenAll(c.Source.ApplicationIds.OrEmpty().Select(portal.GetVisibleApplicationAsync));
                return applications.OfType<ApplicationView>().Where(a => a.TeamId == c.Source.Id).ToList();
            });
        Field<NonNullGraphType<DateTimeScalarType>>("createdAt").Resolve(c => c.Source.CreatedAt);
    }

    private static async Task<bool> MayReadAsync(PortalUserContext portal, TeamView team) =>
        portal.IsAdmin || await portal.GetTeamRoleAsync(team.Id) is not null;
}
