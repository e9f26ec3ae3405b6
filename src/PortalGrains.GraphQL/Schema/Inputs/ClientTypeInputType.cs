using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class ClientTypeInputType : InputObjectGraphType<ClientTypeInput>
{
    public ClientTypeInputType()
    {
        Name = "ClientTypeInput";
        Field<IdGraphType>("id").Description("keep the id of an existing client type (products refer to it); generated when not given");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<StringGraphType>("description");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("responseTypes");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("grantTypes");
        Field<NonNullGraphType<StringGraphType>>("tokenEndpointAuthMethod");
        Field<StringGraphType>("oktaApplicationType").Description("Okta only: service, web, browser or native");
        Field<StringGraphType>("softwareId")
            .Description("sent as software_id; at Curity it names the template client the registration instantiates");
        Field<BooleanGraphType>("requirePkce").DefaultValue(false)
            .Description("public clients: require PKCE where the identity provider has a flag for it (Okta pkce_required, Keycloak pkce.code.challenge.method S256)");
    }
}
