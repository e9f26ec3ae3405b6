using GraphQL.Types;
using PortalGrains.Abstractions.Catalog;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class QuotaType : ObjectGraphType<Quota>
{
    public QuotaType()
    {
        Name = "Quota";
        Field<NonNullGraphType<IntGraphType>>("requests").Resolve(c => c.Source.Requests);
        Field<NonNullGraphType<IntGraphType>>("periodSeconds").Resolve(c => c.Source.PeriodSeconds);
    }
}
