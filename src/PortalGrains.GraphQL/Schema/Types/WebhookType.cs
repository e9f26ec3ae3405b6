using GraphQL;
using GraphQL.Types;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Webhooks;
using PortalGrains.GraphQL.Errors;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Enums;
using PortalGrains.GraphQL.Schema.Scalars;

namespace PortalGrains.GraphQL.Schema.Types;

/// <summary>A registered endpoint (only admins reach one); never its secret.</summary>
public sealed class WebhookType : ObjectGraphType<WebhookView>
{
    public WebhookType()
    {
        Name = "Webhook";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("url").Resolve(c => c.Source.Url);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookEventEnumType>>>>("events").Resolve(c => c.Source.Events.OrEmpty());
        Field<NonNullGraphType<BooleanGraphType>>("active").Resolve(c => c.Source.Active);
        Field<StringGraphType>("disabledReason").Description("why the portal turned the endpoint off (it answered 410 Gone)").Resolve(c => c.Source.DisabledReason);
        Field<NonNullGraphType<DateTimeScalarType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<DateTimeScalarType>>("updatedAt").Resolve(c => c.Source.UpdatedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookDeliveryType>>>>("deliveries")
            .Description("newest first")
            .Argument<IntGraphType>("first", argument => argument.DefaultValue = 20)
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                portal.RequireAdmin();
                var first = c.GetArgument("first", 20);
                if (first < 0 || first > InputLimits.MaxPageSize)
                {
                    throw PortalExecutionError.BadUserInput($"first must be between 0 and {InputLimits.MaxPageSize}.");
                }

                return (await portal.Grains.GetGrain<IWebhookDeliveryLogGrain>(c.Source.Id).ListAsync(first, portal.CancellationToken)).OrEmpty();
            });
    }
}
