using GraphQL.Types;
using PortalGrains.Abstractions.Providers;
using PortalGrains.GraphQL.Schema.Scalars;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class ProviderDiscoveryType : ObjectGraphType<ProviderDiscoveryView>
{
    public ProviderDiscoveryType()
    {
        Name = "ProviderDiscovery";
        Description = "what the provider's OpenID discovery document (or OAuth metadata) said when last fetched";
        Field<NonNullGraphType<StringGraphType>>("issuer").Resolve(c => c.Source.Issuer);
        Field<NonNullGraphType<StringGraphType>>("jwksUri").Resolve(c => c.Source.JwksUri);
        Field<NonNullGraphType<StringGraphType>>("tokenEndpoint").Resolve(c => c.Source.TokenEndpoint);
        Field<StringGraphType>("registrationEndpoint").Resolve(c => c.Source.RegistrationEndpoint);
        Field<NonNullGraphType<DateTimeScalarType>>("fetchedAt").Resolve(c => c.Source.FetchedAt);
    }
}
