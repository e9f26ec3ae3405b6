using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalGrains.GraphQL.Auth;
using PortalGrains.GraphQL.Errors;
using PortalGrains.GraphQL.Hosting;
using PortalGrains.GraphQL.Schema;

namespace PortalGrains.GraphQL.Subscriptions;

/// <summary>
/// GraphQL over WebSocket at /graphql with the <c>graphql-transport-ws</c> subprotocol (the graphql-ws library's).
/// The login token comes from the upgrade request's Authorization header or from <c>connection_init</c>'s
/// <c>authorization</c> ("Bearer …"); an Authorization header that is not a valid token refuses the upgrade (401).
/// </summary>
public sealed class GraphQLWebSocketEndpoint(
    IDocumentExecuter<PortalSchema> executer,
    IGraphQLTextSerializer serializer,
    PortalRequestAuthenticator authenticator,
    SubscriptionConnectionLimiter limiter,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    IOptions<GraphQLHostingOptions> options,
    ILogger<GraphQLWebSocketEndpoint> logger)
{
    public const string Subprotocol = "graphql-transport-ws";

    public async Task HandleAsync(HttpContext context)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Draining before shutdown: the client reconnects, and the balancer sends it to another silo.
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, PortalErrorCodes.Unavailable, "This silo is shutting down; reconnect.");
            return;
        }

        PortalAuthenticationOutcome? authentication = null;
        if (!string.IsNullOrWhiteSpace(context.Request.Headers.Authorization))
        {
            authentication = await authenticator.AuthenticateAsync(context);
            if (authentication.Refused)
            {
                await RefuseAsync(context, authentication.StatusCode, authentication.ErrorCode!, authentication.ErrorMessage!);
                return;
            }
        }

        var offered = context.WebSockets.WebSocketRequestedProtocols.Contains(Subprotocol);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(offered ? Subprotocol : null);
        var connection = new GraphQLWebSocketConnection(
            socket, context, authentication, executer, serializer, authenticator, limiter, clock, options.Value, logger);
        if (!offered)
        {
            connection.Close(GraphQLWebSocketCloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable");
        }

        await connection.RunAsync(lifetime.ApplicationStopping);
    }

    private async Task RefuseAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await serializer.WriteAsync(context.Response.Body, SubscriptionOperation.Error(code, message), context.RequestAborted);
    }
}
