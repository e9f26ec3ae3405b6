using GraphQL.Types;
using PortalGrains.Abstractions.Teams;

namespace PortalGrains.GraphQL.Schema.Enums;

public sealed class TeamRoleType : EnumerationGraphType
{
    public TeamRoleType()
    {
        Name = "TeamRole";
        Description = "OWNERs manage the team and its applications; MEMBERs see and use the team's applications";
        Add("OWNER", TeamRole.Owner);
        Add("MEMBER", TeamRole.Member);
    }
}
