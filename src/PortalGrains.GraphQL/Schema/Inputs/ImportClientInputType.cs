using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class ImportClientInputType : InputObjectGraphType<ImportClientInput>
{
    public ImportClientInputType()
    {
        Name = "ImportClientInput";
        Field<NonNullGraphType<IdGraphType>>("applicationId");
        Field<NonNullGraphType<IdGraphType>>("providerId");
        Field<NonNullGraphType<StringGraphType>>("clientId");
        Field<StringGraphType>("clientSecret").Description("the secret the developer will see; never returned to admins");
        Field<StringGraphType>("registrationAccessToken").Description("RFC 7592 management of the client, where the provider has no admin API");
        Field<StringGraphType>("registrationClientUri");
    }
}
