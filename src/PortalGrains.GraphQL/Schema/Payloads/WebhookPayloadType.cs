using GraphQL.Types;
using PortalGrains.Abstractions.Webhooks;
using PortalGrains.GraphQL.Schema.Models;
using PortalGrains.GraphQL.Schema.Types;

namespace PortalGrains.GraphQL.Schema.Payloads;

public sealed class WebhookPayloadType : ObjectGraphType<MutationPayload<WebhookSaved>>
{
    public WebhookPayloadType()
    {
        Name = "WebhookPayload";
        Description = "secret: the signing secret, returned only by the mutation that created or replaced it";
        Field<WebhookType>("webhook").Description("the webhook as stored; null when errors stopped the mutation").Resolve(c => c.Source.Value?.Webhook);
        Field<StringGraphType>("secret").Description("set only when this mutation created or replaced the secret: keep it, it is not shown again").Resolve(c => c.Source.Value?.Secret);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}
