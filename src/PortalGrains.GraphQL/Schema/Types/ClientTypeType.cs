using GraphQL.Types;
using PortalGrains.Abstractions.Providers;
using PortalGrains.GraphQL.Execution;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class ClientTypeType : ObjectGraphType<ClientTypeSpec>
{
    public ClientTypeType()
    {
        Name = "ClientType";
        Description = "a kind of OAuth client a provider offers developers (machine-to-machine, web app, ...)";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("description").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("responseTypes").Resolve(c => c.Source.ResponseTypes.OrEmpty());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("grantTypes").Resolve(c => c.Source.GrantTypes.OrEmpty());
        Field<NonNullGraphType<StringGraphType>>("tokenEndpointAuthMethod").Resolve(c => c.Source.TokenEndpointAuthMethod);
        Field<StringGraphType>("oktaApplicationType")
            .Description("Okta only: the Okta application type to create (service, web, browser, native)")
            .Resolve(c => c.Source.OktaApplicationType);
        Field<StringGraphType>("softwareId")
            .Description("sent as software_id; at Curity it names the template client the registration instantiates")
            .Resolve(c => c.Source.SoftwareId);
        Field<NonNullGraphType<BooleanGraphType>>("requirePkce")
            .Description("whether clients of this type must use PKCE, where the identity provider has a flag for it")
            .Resolve(c => c.Source.RequirePkce);
        Field<NonNullGraphType<BooleanGraphType>>("usesRedirects")
            .Description("whether clients of this type need redirect URIs (authorization_code or implicit grant)")
            .Resolve(c => !c.Source.GrantTypes.IsDefault && c.Source.UsesRedirects);
    }
}
