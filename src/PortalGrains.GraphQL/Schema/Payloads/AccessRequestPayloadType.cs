using GraphQL.Types;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.GraphQL.Schema.Models;
using PortalGrains.GraphQL.Schema.Types;

namespace PortalGrains.GraphQL.Schema.Payloads;

public sealed class AccessRequestPayloadType : ObjectGraphType<MutationPayload<AccessRequestView>>
{
    public AccessRequestPayloadType()
    {
        Name = "AccessRequestPayload";
        Field<AccessRequestType>("accessRequest").Description("the access request after the change; null when errors stopped the mutation").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}
