using GraphQL.Types;
using PortalGrains.Abstractions.Providers;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class ConnectionCheckStepType : ObjectGraphType<ConnectionCheckStep>
{
    public ConnectionCheckStepType()
    {
        Name = "ConnectionCheckStep";
        Description = "one step of a provider connection check (discovery, JWKS, initial access token)";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<BooleanGraphType>>("succeeded").Resolve(c => c.Source.Succeeded);
        Field<NonNullGraphType<StringGraphType>>("detail").Resolve(c => c.Source.Detail);
    }
}
