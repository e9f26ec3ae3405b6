using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class TransferApplicationInputType : InputObjectGraphType<TransferApplicationInput>
{
    public TransferApplicationInputType()
    {
        Name = "TransferApplicationInput";
        Field<NonNullGraphType<IdGraphType>>("applicationId");
        Field<NonNullGraphType<IdGraphType>>("teamId");
    }
}
