using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class RateLimitInputType : InputObjectGraphType<RateLimitInput>
{
    public RateLimitInputType()
    {
        Name = "RateLimitInput";
        Field<NonNullGraphType<IntGraphType>>("requests");
        Field<NonNullGraphType<IntGraphType>>("perSeconds");
    }
}
