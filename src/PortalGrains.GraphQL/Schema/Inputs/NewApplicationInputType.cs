using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class NewApplicationInputType : InputObjectGraphType<NewApplicationInput>
{
    public NewApplicationInputType()
    {
        Name = "NewApplicationInput";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<StringGraphType>("description");
        Field<IdGraphType>("teamId").Description("the new application belongs to this team; the caller must be a member");
    }
}
