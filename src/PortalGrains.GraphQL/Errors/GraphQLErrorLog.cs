using Microsoft.Extensions.Logging;

namespace PortalGrains.GraphQL.Errors;

internal static partial class GraphQLErrorLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Error,
        Message = "GraphQL field {FieldPath} failed; correlation id {CorrelationId}")]
    public static partial void UnhandledFieldError(ILogger logger, Exception exception, string fieldPath, string correlationId);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "GraphQL field {FieldPath} hit a {Code} condition ({ExceptionType}); correlation id {CorrelationId}")]
    public static partial void RetryableFieldError(ILogger logger, string fieldPath, string code, string exceptionType, string correlationId);
}
