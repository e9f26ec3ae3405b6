using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class CheckoutInputType : InputObjectGraphType<CheckoutInput>
{
    public CheckoutInputType()
    {
        Name = "CheckoutInput";
        Field<NonNullGraphType<IdGraphType>>("productId");
        Field<NonNullGraphType<IdGraphType>>("planId");
        Field<IdGraphType>("applicationId").Description("an existing application of the caller, or");
        Field<NewApplicationInputType>("newApplication").Description("a new one");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("redirectUris");
        Field<NonNullGraphType<IdGraphType>>("clientTypeId");
        Field<StringGraphType>("jwksUri").Description("for private_key_jwt client types: where the IdP fetches the application's public keys (https)");
        Field<StringGraphType>("tlsClientAuthSubjectDn")
            .Description("for tls_client_auth client types: the subject DN of the application's client certificate (RFC 8705)");
    }
}
