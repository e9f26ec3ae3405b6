using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class DecideInputType : InputObjectGraphType<DecideInput>
{
    public DecideInputType()
    {
        Name = "DecideInput";
        Field<NonNullGraphType<IdGraphType>>("id").Description("the access request");
        Field<StringGraphType>("reason").Description("kept in the request's history (rejections and revocations)");
    }
}
