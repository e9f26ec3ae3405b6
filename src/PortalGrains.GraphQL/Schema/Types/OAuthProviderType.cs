using GraphQL.Types;
using PortalGrains.Abstractions.Providers;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Enums;
using PortalGrains.GraphQL.Schema.Scalars;

namespace PortalGrains.GraphQL.Schema.Types;

/// <summary>A provider as admins see it; secrets given to the portal never appear here.</summary>
public sealed class OAuthProviderType : ObjectGraphType<ProviderView>
{
    public OAuthProviderType()
    {
        Name = "OAuthProvider";
        Description = "an identity provider the portal registers clients at (admin only)";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<IdentityProviderKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("wellKnownUrl").Resolve(c => c.Source.WellKnownUrl);
        Field<StringGraphType>("registrationEndpoint").Description("override of the discovered registration_endpoint").Resolve(c => c.Source.RegistrationEndpoint);
        Field<NonNullGraphType<BooleanGraphType>>("hasInitialAccessToken").Resolve(c => c.Source.HasInitialAccessToken);
        Field<NonNullGraphType<BooleanGraphType>>("sslInsecureSkipVerify").Resolve(c => c.Source.SslInsecureSkipVerify);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClientTypeType>>>>("clientTypes").Resolve(c => c.Source.ClientTypes.OrEmpty());
        Field<ProviderDiscoveryType>("discovery").Description("null while the provider's discovery document cannot be fetched").Resolve(c => c.Source.Discovery);
        Field<StringGraphType>("discoveryError").Description("why the discovery document could not be fetched, while it cannot").Resolve(c => c.Source.DiscoveryError);
        Field<StringGraphType>("apiApplicationId")
            .Description("ENTRA only: the application id of the API's app registration, whose app roles are the product and plan scopes")
            .Resolve(c => c.Source.ApiApplicationId);
        Field<NonNullGraphType<DateTimeScalarType>>("updatedAt").Resolve(c => c.Source.UpdatedAt);
    }
}
