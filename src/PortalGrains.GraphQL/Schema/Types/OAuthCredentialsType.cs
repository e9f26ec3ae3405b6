using GraphQL.Types;
using PortalGrains.Abstractions.Applications;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Scalars;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class OAuthCredentialsType : ObjectGraphType<OAuthCredentialsView>
{
    public OAuthCredentialsType()
    {
        Name = "OAuthCredentials";
        Description = "the client an application holds at one provider";
        Field<NonNullGraphType<IdGraphType>>("providerId").Resolve(c => c.Source.ProviderId);
        Field<NonNullGraphType<StringGraphType>>("issuer").Resolve(c => c.Source.Issuer);
        Field<NonNullGraphType<StringGraphType>>("clientId").Resolve(c => c.Source.ClientId);
        // Read with includeSecrets only for the owner or the team's members (ApplicationType.credentials), so admins get null here.
        Field<StringGraphType>("clientSecret").Description("owner (for a team's application: its members) only; null for admins").Resolve(c => c.Source.ClientSecret);
        Field<NonNullGraphType<StringGraphType>>("tokenEndpoint").Resolve(c => c.Source.TokenEndpoint);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("scopes")
            .Description("the union of the scopes of the application's ACTIVE access requests at this provider")
            .Resolve(c => c.Source.Scopes.OrEmpty());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("grantTypes").Resolve(c => c.Source.GrantTypes.OrEmpty());
        Field<NonNullGraphType<StringGraphType>>("tokenEndpointAuthMethod").Resolve(c => c.Source.TokenEndpointAuthMethod);
        Field<NonNullGraphType<DateTimeScalarType>>("issuedAt").Resolve(c => c.Source.IssuedAt);
        Field<DateTimeScalarType>("secretExpiresAt").Resolve(c => c.Source.SecretExpiresAt);
    }
}
