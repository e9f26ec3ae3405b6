using GraphQL.Types;
using PortalGrains.GraphQL.Schema.Models;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class AuditEntryConnectionType : ObjectGraphType<AuditEntryConnectionModel>
{
    public AuditEntryConnectionType()
    {
        Name = "AuditEntryConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AuditEntryType>>>>("nodes").Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source);
        Field<NonNullGraphType<IntGraphType>>("totalCount").Resolve(c => c.Source.TotalCount);
    }
}
