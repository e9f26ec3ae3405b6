using GraphQL.Types;
using PortalGrains.Abstractions.Audit;
using PortalGrains.GraphQL.Schema.Scalars;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class AuditEntryType : ObjectGraphType<AuditEntry>
{
    public AuditEntryType()
    {
        Name = "AuditEntry";
        Description = "one recorded change: who did what to which subject, and when";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<DateTimeScalarType>>("at").Resolve(c => c.Source.At);
        Field<NonNullGraphType<StringGraphType>>("actor").Description("the 'sub' of the token that made the change").Resolve(c => c.Source.Actor);
        Field<NonNullGraphType<StringGraphType>>("action").Description("e.g. product.upsert, accessRequest.approve, webhook.delete").Resolve(c => c.Source.Action);
        Field<NonNullGraphType<StringGraphType>>("subjectType").Resolve(c => c.Source.SubjectType);
        Field<NonNullGraphType<IdGraphType>>("subjectId").Resolve(c => c.Source.SubjectId);
        Field<StringGraphType>("detail").Description("what changed, never a secret").Resolve(c => c.Source.Detail);
    }
}
