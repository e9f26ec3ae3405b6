using GraphQL.Types;
using PortalGrains.Abstractions.Teams;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Enums;
using PortalGrains.GraphQL.Schema.Scalars;

namespace PortalGrains.GraphQL.Schema.Types;

/// <summary>An invitation; reached by the team's OWNERs and by its invitee only.</summary>
public sealed class TeamInvitationType : ObjectGraphType<TeamInvitationView>
{
    public TeamInvitationType()
    {
        Name = "TeamInvitation";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<TeamType>>("team").ResolveAsync(async c => await c.Portal().GetTeamAsync(c.Source.TeamId));
        Field<IdGraphType>("developerId").Resolve(c => c.Source.DeveloperId);
        Field<StringGraphType>("email").Resolve(c => c.Source.Email);
        Field<NonNullGraphType<TeamRoleType>>("role").Resolve(c => c.Source.Role);
        Field<NonNullGraphType<IdGraphType>>("invitedBy").Resolve(c => c.Source.InvitedBy);
        Field<NonNullGraphType<DateTimeScalarType>>("expiresAt").Resolve(c => c.Source.ExpiresAt);
    }
}
