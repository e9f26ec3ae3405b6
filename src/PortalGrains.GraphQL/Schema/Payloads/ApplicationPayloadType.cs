using GraphQL.Types;
using PortalGrains.Abstractions.Applications;
using PortalGrains.GraphQL.Schema.Models;
using PortalGrains.GraphQL.Schema.Types;

namespace PortalGrains.GraphQL.Schema.Payloads;

public sealed class ApplicationPayloadType : ObjectGraphType<MutationPayload<ApplicationView>>
{
    public ApplicationPayloadType()
    {
        Name = "ApplicationPayload";
        Field<ApplicationType>("application").Description("the application after the change; null when errors stopped the mutation").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}
