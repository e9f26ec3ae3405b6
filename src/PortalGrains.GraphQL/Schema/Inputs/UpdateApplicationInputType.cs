using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class UpdateApplicationInputType : InputObjectGraphType<UpdateApplicationInput>
{
    public UpdateApplicationInputType()
    {
        Name = "UpdateApplicationInput";
        Description = "a field left out (or null) stays as it is";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<StringGraphType>("name");
        Field<StringGraphType>("description");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("redirectUris");
        Field<StringGraphType>("jwksUri").Description("for private_key_jwt clients (https; propagated to the IdP); an empty string removes it");
        Field<StringGraphType>("tlsClientAuthSubjectDn")
            .Description("for tls_client_auth clients (propagated to the IdP); an empty string removes it");
    }
}
