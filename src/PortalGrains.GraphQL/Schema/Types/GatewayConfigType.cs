using GraphQL.Types;
using PortalGrains.Abstractions.Gateway;
using PortalGrains.GraphQL.Execution;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class GatewayConfigType : ObjectGraphType<GatewayConfiguration>
{
    public GatewayConfigType()
    {
        Name = "GatewayConfig";
        Description = "what an API gateway needs to validate tokens and map scopes to its policies";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GatewayIssuerType>>>>("issuers").Resolve(c => c.Source.Issuers.OrEmpty());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ScopePolicyType>>>>("scopePolicies").Resolve(c => c.Source.ScopePolicies.OrEmpty());
        Field<NonNullGraphType<StringGraphType>>("tyk").Description("Tyk API definition fragment (JSON text)").Resolve(c => c.Source.TykJson);
        Field<NonNullGraphType<StringGraphType>>("kong").Description("Kong declarative configuration fragment (JSON text)").Resolve(c => c.Source.KongJson);
    }
}
