using GraphQL.Types;
using PortalGrains.GraphQL.Schema.Enums;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class UpsertProviderInputType : InputObjectGraphType<UpsertProviderInput>
{
    public UpsertProviderInputType()
    {
        Name = "UpsertProviderInput";
        Field<IdGraphType>("id").Description("the provider to update; a new id is generated when not given");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<IdentityProviderKindType>>("kind");
        Field<NonNullGraphType<StringGraphType>>("wellKnownUrl").Description("the OpenID discovery (or RFC 8414 metadata) URL");
        Field<StringGraphType>("registrationEndpoint").Description("override of the discovered registration_endpoint");
        Field<StringGraphType>("initialAccessToken").Description("static initial access token for the registration endpoint; never returned");
        Field<ClientCredentialsInputType>("initialAccessTokenClient")
            .Description("alternatively: fetch the initial access token with this client's client_credentials grant");
        Field<BooleanGraphType>("sslInsecureSkipVerify").DefaultValue(false);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClientTypeInputType>>>>("clientTypes");
        Field<StringGraphType>("apiApplicationId")
            .Description("ENTRA only: the application (client) id of the API's app registration, whose app roles are the product and plan scopes");
    }
}
