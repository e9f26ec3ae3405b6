using GraphQL.Types;
using PortalGrains.Abstractions.Gateway;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class GatewayIssuerType : ObjectGraphType<GatewayIssuer>
{
    public GatewayIssuerType()
    {
        Name = "GatewayIssuer";
        Field<NonNullGraphType<IdGraphType>>("providerId").Resolve(c => c.Source.ProviderId);
        Field<NonNullGraphType<StringGraphType>>("issuer").Resolve(c => c.Source.Issuer);
        Field<NonNullGraphType<StringGraphType>>("jwksUri").Resolve(c => c.Source.JwksUri);
    }
}
