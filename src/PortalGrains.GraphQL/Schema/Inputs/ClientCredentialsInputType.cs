using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class ClientCredentialsInputType : InputObjectGraphType<ClientCredentialsInput>
{
    public ClientCredentialsInputType()
    {
        Name = "ClientCredentialsInput";
        Field<NonNullGraphType<StringGraphType>>("clientId");
        Field<NonNullGraphType<StringGraphType>>("clientSecret").Description("never returned");
        Field<StringGraphType>("scope");
    }
}
