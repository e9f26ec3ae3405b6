using GraphQL.Types;
using PortalGrains.GraphQL.Schema.Enums;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class InviteTeamMemberInputType : InputObjectGraphType<InviteTeamMemberInput>
{
    public InviteTeamMemberInputType()
    {
        Name = "InviteTeamMemberInput";
        Field<NonNullGraphType<IdGraphType>>("teamId");
        Field<IdGraphType>("developerId").Description("the invitee's developer id (their login token's 'sub'), or");
        Field<StringGraphType>("email").Description("the invitee's e-mail address, matched against the e-mail claim of their login token");
        Field<TeamRoleType>("role").DefaultValue(Abstractions.Teams.TeamRole.Member);
    }
}
