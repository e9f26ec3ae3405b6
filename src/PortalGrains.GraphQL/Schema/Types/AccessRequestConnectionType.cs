using GraphQL.Types;
using PortalGrains.GraphQL.Schema.Models;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class AccessRequestConnectionType : ObjectGraphType<AccessRequestConnectionModel>
{
    public AccessRequestConnectionType()
    {
        Name = "AccessRequestConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccessRequestType>>>>("nodes").Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source);
        Field<NonNullGraphType<IntGraphType>>("totalCount").Resolve(c => c.Source.TotalCount);
    }
}
