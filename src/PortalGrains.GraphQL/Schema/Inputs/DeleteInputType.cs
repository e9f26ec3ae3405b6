using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class DeleteInputType : InputObjectGraphType<DeleteInput>
{
    public DeleteInputType()
    {
        Name = "DeleteInput";
        Field<NonNullGraphType<IdGraphType>>("id");
    }
}
