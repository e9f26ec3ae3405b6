using GraphQL.Types;
using PortalGrains.Abstractions.Gateway;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class ScopePolicyType : ObjectGraphType<ScopePolicy>
{
    public ScopePolicyType()
    {
        Name = "ScopePolicy";
        Field<NonNullGraphType<StringGraphType>>("scope").Resolve(c => c.Source.Scope);
        Field<NonNullGraphType<StringGraphType>>("policyId").Resolve(c => c.Source.PolicyId);
        Field<IdGraphType>("productId").Resolve(c => c.Source.ProductId);
        Field<IdGraphType>("planId").Resolve(c => c.Source.PlanId);
        Field<RateLimitType>("rateLimit").Description("the plan's limits, for the gateway to enforce").Resolve(c => c.Source.RateLimit);
        Field<QuotaType>("quota").Resolve(c => c.Source.Quota);
    }
}
