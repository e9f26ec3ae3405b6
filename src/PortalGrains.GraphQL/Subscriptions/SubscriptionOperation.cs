using System.Security.Claims;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using PortalGrains.GraphQL.Auth;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema;

namespace PortalGrains.GraphQL.Subscriptions;

/// <summary>What the streaming transports share: running one operation for a caller, and the shapes of its results.</summary>
public static class SubscriptionOperation
{
    /// <summary>
    /// Executes <paramref name="request"/>: a subscription answers with its stream in <see cref="ExecutionResult.Streams"/>,
    /// any other operation with its one result. <paramref name="cancellationToken"/> ends the subscription's reads.
    /// </summary>
    public static Task<ExecutionResult> ExecuteAsync(
        IDocumentExecuter<PortalSchema> executer, GraphQLRequest request, PortalUser? user, ClaimsPrincipal principal,
        HttpContext context, CancellationToken cancellationToken) =>
        executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Variables = request.Variables,
            OperationName = request.OperationName,
            Extensions = request.Extensions,
            RequestServices = context.RequestServices,
            User = principal,
            UserContext = new PortalUserContext(user, context.RequestServices, cancellationToken),
            CancellationToken = cancellationToken,
        });

    /// <summary>The one source stream of a subscription's result, or null for a result that is all there is.</summary>
    public static IObservable<ExecutionResult>? StreamOf(ExecutionResult result) =>
        result.Streams is { Count: > 0 } streams ? streams.Values.First() : null;

    /// <summary>The <c>errors</c> array of a serialized result (the payload of a graphql-transport-ws <c>error</c> message).</summary>
    public static string ErrorsOf(string serializedResult)
    {
        using var document = JsonDocument.Parse(serializedResult);
        return document.RootElement.TryGetProperty("errors", out var errors) ? errors.GetRawText() : "[]";
    }

    /// <summary>A result with one error, for what a transport refuses itself.</summary>
    public static ExecutionResult Error(string code, string message) =>
        new() { Errors = [new ExecutionError(message) { Code = code }] };
}
