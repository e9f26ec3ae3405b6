using GraphQL.Types;
using PortalGrains.Abstractions.Webhooks;
using PortalGrains.GraphQL.Schema.Enums;
using PortalGrains.GraphQL.Schema.Scalars;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class WebhookDeliveryType : ObjectGraphType<WebhookDeliveryView>
{
    public WebhookDeliveryType()
    {
        Name = "WebhookDelivery";
        Description = "one event's delivery to the endpoint";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<WebhookEventEnumType>>("event").Resolve(c => c.Source.Event);
        Field<NonNullGraphType<DateTimeScalarType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<IntGraphType>>("attempts").Resolve(c => c.Source.Attempts);
        Field<IntGraphType>("lastStatus").Description("the HTTP status of the last answer; null when none came").Resolve(c => c.Source.LastStatus);
        Field<NonNullGraphType<BooleanGraphType>>("delivered").Resolve(c => c.Source.Delivered);
        Field<StringGraphType>("lastError").Description("why the last attempt got no answer (refused, unreachable, timed out)").Resolve(c => c.Source.LastError);
        Field<NonNullGraphType<BooleanGraphType>>("gaveUp")
            .Description("no more attempts: the endpoint answered 410, was deleted or disabled, or did not accept it in time")
            .Resolve(c => c.Source.GaveUp);
    }
}
