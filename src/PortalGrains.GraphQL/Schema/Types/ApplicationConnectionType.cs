using GraphQL.Types;
using PortalGrains.GraphQL.Schema.Models;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class ApplicationConnectionType : ObjectGraphType<ApplicationConnectionModel>
{
    public ApplicationConnectionType()
    {
        Name = "ApplicationConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApplicationType>>>>("nodes").Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source);
        Field<NonNullGraphType<IntGraphType>>("totalCount").Resolve(c => c.Source.TotalCount);
    }
}
