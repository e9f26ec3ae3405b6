using GraphQL.Types;
using PortalGrains.GraphQL.Schema.Enums;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class UpsertWebhookInputType : InputObjectGraphType<UpsertWebhookInput>
{
    public UpsertWebhookInputType()
    {
        Name = "UpsertWebhookInput";
        Field<IdGraphType>("id").Description("the webhook to replace; a new one is created when not given");
        Field<NonNullGraphType<StringGraphType>>("url");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookEventEnumType>>>>("events");
        Field<StringGraphType>("secret").Description("Standard Webhooks secret ('whsec_' + base64); generated when omitted on creation");
        Field<BooleanGraphType>("active").DefaultValue(true);
    }
}
