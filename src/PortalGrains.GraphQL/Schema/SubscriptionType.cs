using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Types;
using PortalGrains.GraphQL.Subscriptions;

namespace PortalGrains.GraphQL.Schema;

/// <summary>Live changes, served over graphql-transport-ws (WebSocket) and GraphQL over SSE at /graphql.</summary>
public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType()
    {
        Name = "Subscription";
        Field<NonNullGraphType<AccessRequestType>>("accessRequestChanged")
            .Description("owner, team member or admin: each change of one access request; without id, every request the caller may see")
            .Argument<IdGraphType>("id", IdArgument.Checked)
            .Resolve(c => c.Source)
            .ResolveStream(c =>
            {
                var portal = c.Portal();
                var viewer = portal.RequireUser();
                var services = portal.Services;
                return new AccessRequestChangeSource(
                    services.GetRequiredService<AccessRequestChangeFeed>(),
                    services.GetRequiredService<AccessRequestVisibility>(),
                    portal,
                    viewer,
                    c.GetArgument<string?>("id"));
            });
    }
}
