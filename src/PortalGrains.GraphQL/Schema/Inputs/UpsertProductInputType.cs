using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class UpsertProductInputType : InputObjectGraphType<UpsertProductInput>
{
    public UpsertProductInputType()
    {
        Name = "UpsertProductInput";
        Field<IdGraphType>("id").Description("the product to update; a new one is created when not given");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<StringGraphType>("description");
        Field<BooleanGraphType>("published").DefaultValue(true);
        Field<NonNullGraphType<BooleanGraphType>>("dcrEnabled");
        Field<IdGraphType>("providerId");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("scopes");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("clientTypeIds");
        Field<StringGraphType>("policyId");
    }
}
