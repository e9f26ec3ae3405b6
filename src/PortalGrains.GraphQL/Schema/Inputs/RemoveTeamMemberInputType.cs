using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class RemoveTeamMemberInputType : InputObjectGraphType<RemoveTeamMemberInput>
{
    public RemoveTeamMemberInputType()
    {
        Name = "RemoveTeamMemberInput";
        Field<NonNullGraphType<IdGraphType>>("teamId");
        Field<NonNullGraphType<IdGraphType>>("developerId").Description("the member to remove; the caller's own id to leave");
    }
}
