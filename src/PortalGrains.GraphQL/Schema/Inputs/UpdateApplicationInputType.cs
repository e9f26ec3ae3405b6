using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class UpdateApplicationInputType : InputObjectGraphType<UpdateApplicationInput>
{
    public UpdateApplicationInputType()
    {
        Name = "UpdateApplicationInput";
        Description = "a field left out (or null) stays as it is";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<StringGraphType>("name");
        Field<StringGraphType>("description");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("redirectUris");
    }
}
