using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class CreateTeamInputType : InputObjectGraphType<CreateTeamInput>
{
    public CreateTeamInputType()
    {
        Name = "CreateTeamInput";
        Field<NonNullGraphType<StringGraphType>>("name");
    }
}
