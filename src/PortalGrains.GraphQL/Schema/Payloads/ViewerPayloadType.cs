using GraphQL.Types;
using PortalGrains.GraphQL.Schema.Models;
using PortalGrains.GraphQL.Schema.Types;

namespace PortalGrains.GraphQL.Schema.Payloads;

public sealed class ViewerPayloadType : ObjectGraphType<MutationPayload<ViewerModel>>
{
    public ViewerPayloadType()
    {
        Name = "ViewerPayload";
        Field<ViewerType>("viewer").Description("the caller after the change; null when errors stopped the mutation").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}
