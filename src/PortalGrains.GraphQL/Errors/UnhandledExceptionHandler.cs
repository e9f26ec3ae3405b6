using GraphQL.Execution;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;
using PortalGrains.Abstractions.Common;

namespace PortalGrains.GraphQL.Errors;

/// <summary>
/// Turns exceptions that escape resolvers into GraphQL errors: Orleans concurrency conflicts and time-outs become
/// retryable codes; everything else is masked as <c>INTERNAL</c> with a correlation id that also stands in the log.
/// The original message and stack are attached only when exception details are exposed (Development).
/// </summary>
public sealed class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger, bool exposeExceptionDetails)
{
    public Task HandleAsync(UnhandledExceptionContext context)
    {
        var exception = context.OriginalException;
        if (exception is OperationCanceledException && context.ExecutionOptions.CancellationToken.IsCancellationRequested)
        {
            // The client went away; nobody reads the answer.
            return Task.CompletedTask;
        }

        var correlationId = Guid.NewGuid().ToString("N")[..16];
        var path = context.FieldContext is { } field ? string.Join('.', field.Path) : "(document)";
        var (code, message) = Classify(exception);
        if (code == PortalErrorCodes.Internal)
        {
            GraphQLErrorLog.UnhandledFieldError(logger, exception, path, correlationId);
        }
        else
        {
            GraphQLErrorLog.RetryableFieldError(logger, path, code, exception.GetType().Name, correlationId);
        }

        context.Exception = new PortalExecutionError(
            code,
            FailureReference.Format(message, correlationId),
            correlationId,
            exposeExceptionDetails ? exception : null);
        return Task.CompletedTask;
    }

    private static (string Code, string Message) Classify(Exception exception) => Unwrap(exception) switch
    {
        // Optimistic concurrency lost (ETag): re-read and re-decide, never retry blindly.
        InconsistentStateException => (PortalErrorCodes.Conflict, "The data changed while the request ran: read it again and retry"),
        // An Orleans call that timed out may still have run (docs: handling failures).
        TimeoutException => (PortalErrorCodes.Timeout, "The request timed out and may or may not have taken effect: read again before retrying"),
        SiloUnavailableException => (PortalErrorCodes.Unavailable, "The server is temporarily unavailable: retry"),
        _ => (PortalErrorCodes.Internal, "Internal error"),
    };

    private static Exception Unwrap(Exception exception)
    {
        while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        return exception;
    }
}
