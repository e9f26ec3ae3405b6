using System.Text;
using System.Threading.Channels;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Common;
using PortalGrains.GraphQL.Auth;
using PortalGrains.GraphQL.Errors;
using PortalGrains.GraphQL.Hosting;
using PortalGrains.GraphQL.Schema;

namespace PortalGrains.GraphQL.Subscriptions;

/// <summary>
/// GraphQL over Server-Sent Events, the graphql-sse protocol's distinct-connections mode: a POST to /graphql with
/// <c>Accept: text/event-stream</c> is answered by an event stream of <c>next</c> events (each an execution result,
/// errors included) and a final <c>complete</c>; the client ends a subscription by closing the connection. When the
/// login token expires a last <c>next</c> carries <c>UNAUTHENTICATED</c> before <c>complete</c>; when the server shuts
/// down the stream ends without <c>complete</c>, so that the client reconnects (to another silo).
/// </summary>
public sealed class GraphQLSseEndpoint(
    IDocumentExecuter<PortalSchema> executer,
    IGraphQLTextSerializer serializer,
    SubscriptionConnectionLimiter limiter,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    IOptions<GraphQLHostingOptions> options,
    ILogger<GraphQLSseEndpoint> logger)
{
    private const string EventStream = "text/event-stream";
    private static readonly byte[] KeepAlive = Encoding.UTF8.GetBytes(":\n\n");
    private static readonly byte[] Complete = Encoding.UTF8.GetBytes("event: complete\ndata:\n\n");

    public static bool Accepts(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Headers.Accept.Any(a => a?.Contains(EventStream, StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Streams the results of <paramref name="request"/>, which the HTTP endpoint has read and authenticated.</summary>
    public async Task HandleAsync(HttpContext context, GraphQLRequest request, PortalAuthenticationOutcome authentication)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable,
                SubscriptionOperation.Error(PortalErrorCodes.Unavailable, "This silo is shutting down; reconnect."));
            return;
        }

        using var lease = authentication.User is { } user ? limiter.TryAcquire(user.Id) : null;
        if (authentication.User is not null && lease is null)
        {
            SubscriptionLog.TooManyConnections(logger, authentication.User.Id, options.Value.MaxConnectionsPerUser);
            await RefuseAsync(context, StatusCodes.Status429TooManyRequests, SubscriptionOperation.Error(UserErrorCodes.LimitExceeded,
                $"A user keeps at most {options.Value.MaxConnectionsPerUser} subscription connections open."));
            return;
        }

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var expired = false;
        var expiry = LoginTokenExpiry.Of(authentication.Principal);
        using var expiryTimer = clock.CreateTimer(_ => { expired = true; ended.Cancel(); }, null,
            authentication.User is null ? Timeout.InfiniteTimeSpan : LoginTokenExpiry.Remaining(expiry, clock), Timeout.InfiniteTimeSpan);

        var events = Channel.CreateUnbounded<ExecutionResult>(new UnboundedChannelOptions { SingleReader = true });
        try
        {
            var result = await SubscriptionOperation.ExecuteAsync(
                executer, request, authentication.User, authentication.Principal, context, ended.Token);
            using var subscription = SubscriptionOperation.StreamOf(result) is { } stream
                ? stream.Subscribe(new ResultObserver(
                    next => events.Writer.TryWrite(next),
                    () => events.Writer.TryComplete(),
                    error => { events.Writer.TryWrite(SubscriptionOperation.Error(PortalErrorCodes.Internal, "The subscription failed.")); events.Writer.TryComplete(); }))
                : null;
            if (subscription is null)
            {
                events.Writer.TryWrite(result);
                events.Writer.TryComplete();
            }

            // Headers go out once the subscription listens, so a client that has them misses no change.
            await StartAsync(context, ended.Token);

            using var keepAlive = clock.CreateTimer(_ => events.Writer.TryWrite(KeepAliveMarker), null,
                options.Value.KeepAliveInterval, options.Value.KeepAliveInterval);
            await foreach (var next in events.Reader.ReadAllAsync(ended.Token))
            {
                await WriteAsync(context, next, ended.Token);
            }

            await context.Response.Body.WriteAsync(Complete, ended.Token);
            await context.Response.Body.FlushAsync(ended.Token);
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            if (expired && !context.RequestAborted.IsCancellationRequested)
            {
                await StartAsync(context, context.RequestAborted);
                await WriteAsync(context, SubscriptionOperation.Error(PortalErrorCodes.Unauthenticated, "The login token has expired."), context.RequestAborted);
                await context.Response.Body.WriteAsync(Complete, context.RequestAborted);
            }
        }
    }

    private static readonly ExecutionResult KeepAliveMarker = new();

    private async Task RefuseAsync(HttpContext context, int status, ExecutionResult error)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await serializer.WriteAsync(context.Response.Body, error, context.RequestAborted);
    }

    private static async Task StartAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = EventStream + "; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers["X-Accel-Buffering"] = "no";
            await context.Response.StartAsync(cancellationToken);
        }
    }

    private async Task WriteAsync(HttpContext context, ExecutionResult result, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(result, KeepAliveMarker))
        {
            await context.Response.Body.WriteAsync(KeepAlive, cancellationToken);
        }
        else
        {
            var data = serializer.Serialize(result);
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"event: next\ndata: {data}\n\n"), cancellationToken);
        }

        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
