using GraphQL.Types;
using PortalGrains.GraphQL.Schema.Models;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class PageInfoType : ObjectGraphType<IConnectionModel>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(c => c.Source.HasNextPage);
        Field<StringGraphType>("endCursor").Description("pass as 'after' to read the next page").Resolve(c => c.Source.EndCursor);
    }
}
