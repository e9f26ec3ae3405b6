using GraphQL.Types;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Scalars;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class PlanType : ObjectGraphType<Plan>
{
    public PlanType()
    {
        Name = "Plan";
        Description = "a plan of the catalogue: extra scopes, a gateway policy, limits, and whether access is granted without review";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("description").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("scopes").Resolve(c => c.Source.Scopes.OrEmpty());
        Field<NonNullGraphType<BooleanGraphType>>("autoApprove").Resolve(c => c.Source.AutoApprove);
        Field<StringGraphType>("policyId").Resolve(c => c.Source.PolicyId);
        Field<RateLimitType>("rateLimit").Resolve(c => c.Source.RateLimit);
        Field<QuotaType>("quota").Resolve(c => c.Source.Quota);
        Field<NonNullGraphType<DateTimeScalarType>>("updatedAt").Resolve(c => c.Source.UpdatedAt);
    }
}
