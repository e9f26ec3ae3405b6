using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class QuotaInputType : InputObjectGraphType<QuotaInput>
{
    public QuotaInputType()
    {
        Name = "QuotaInput";
        Field<NonNullGraphType<IntGraphType>>("requests");
        Field<NonNullGraphType<IntGraphType>>("periodSeconds");
    }
}
