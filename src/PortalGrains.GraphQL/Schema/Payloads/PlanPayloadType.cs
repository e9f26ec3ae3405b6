using GraphQL.Types;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.GraphQL.Schema.Models;
using PortalGrains.GraphQL.Schema.Types;

namespace PortalGrains.GraphQL.Schema.Payloads;

public sealed class PlanPayloadType : ObjectGraphType<MutationPayload<Plan>>
{
    public PlanPayloadType()
    {
        Name = "PlanPayload";
        Field<PlanType>("plan").Description("the plan as stored; null when errors stopped the mutation").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}
