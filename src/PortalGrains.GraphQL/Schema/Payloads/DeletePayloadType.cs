using GraphQL.Types;
using PortalGrains.GraphQL.Schema.Models;
using PortalGrains.GraphQL.Schema.Types;

namespace PortalGrains.GraphQL.Schema.Payloads;

public sealed class DeletePayloadType : ObjectGraphType<MutationPayload<string>>
{
    public DeletePayloadType()
    {
        Name = "DeletePayload";
        Field<IdGraphType>("deletedId").Description("the id of what was deleted; null when errors stopped the mutation").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}
