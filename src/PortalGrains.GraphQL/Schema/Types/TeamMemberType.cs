using GraphQL.Types;
using PortalGrains.Abstractions.Teams;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Enums;
using PortalGrains.GraphQL.Schema.Scalars;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class TeamMemberType : ObjectGraphType<TeamMemberView>
{
    public TeamMemberType()
    {
        Name = "TeamMember";
        Field<NonNullGraphType<IdGraphType>>("developerId").Resolve(c => c.Source.DeveloperId);
        Field<StringGraphType>("email").ResolveAsync(async c => (await c.Portal().GetDeveloperAsync(c.Source.DeveloperId))?.Email);
        Field<StringGraphType>("name").ResolveAsync(async c => (await c.Portal().GetDeveloperAsync(c.Source.DeveloperId))?.Name);
        Field<NonNullGraphType<TeamRoleType>>("role").Resolve(c => c.Source.Role);
        Field<NonNullGraphType<DateTimeScalarType>>("joinedAt").Resolve(c => c.Source.JoinedAt);
    }
}
