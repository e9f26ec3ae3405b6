using GraphQL.Types;
using PortalGrains.Abstractions.Catalog;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class RateLimitType : ObjectGraphType<RateLimit>
{
    public RateLimitType()
    {
        Name = "RateLimit";
        Field<NonNullGraphType<IntGraphType>>("requests").Resolve(c => c.Source.Requests);
        Field<NonNullGraphType<IntGraphType>>("perSeconds").Resolve(c => c.Source.PerSeconds);
    }
}
