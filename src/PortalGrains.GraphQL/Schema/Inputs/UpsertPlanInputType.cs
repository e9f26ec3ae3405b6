using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class UpsertPlanInputType : InputObjectGraphType<UpsertPlanInput>
{
    public UpsertPlanInputType()
    {
        Name = "UpsertPlanInput";
        Field<IdGraphType>("id").Description("the plan to update; a new one is created when not given");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<StringGraphType>("description");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("scopes");
        Field<BooleanGraphType>("autoApprove").DefaultValue(false);
        Field<StringGraphType>("policyId");
        Field<RateLimitInputType>("rateLimit");
        Field<QuotaInputType>("quota");
    }
}
