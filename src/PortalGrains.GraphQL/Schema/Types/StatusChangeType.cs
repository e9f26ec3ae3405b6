using GraphQL.Types;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.GraphQL.Schema.Enums;
using PortalGrains.GraphQL.Schema.Scalars;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class StatusChangeType : ObjectGraphType<StatusChange>
{
    public StatusChangeType()
    {
        Name = "StatusChange";
        Description = "one step of an access request's history";
        Field<NonNullGraphType<StringGraphType>>("actor").Description("who made the change: a user id, or 'system'").Resolve(c => c.Source.Actor);
        Field<NonNullGraphType<DateTimeScalarType>>("at").Resolve(c => c.Source.At);
        Field<AccessRequestStatusType>("from").Description("null for the creation").Resolve(c => c.Source.From);
        Field<NonNullGraphType<AccessRequestStatusType>>("to").Resolve(c => c.Source.To);
        Field<StringGraphType>("note").Resolve(c => c.Source.Note);
    }
}
