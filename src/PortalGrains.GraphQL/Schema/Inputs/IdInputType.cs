using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class IdInputType : InputObjectGraphType<IdInput>
{
    public IdInputType()
    {
        Name = "IdInput";
        Field<NonNullGraphType<IdGraphType>>("id");
    }
}
