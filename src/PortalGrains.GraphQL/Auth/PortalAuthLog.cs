using Microsoft.Extensions.Logging;

namespace PortalGrains.GraphQL.Auth;

internal static partial class PortalAuthLog
{
    [LoggerMessage(EventId = 4102, Level = LogLevel.Information,
        Message = "Bearer token refused ({Reason}); the request answered UNAUTHENTICATED")]
    public static partial void BearerTokenRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning,
        Message = "Bearer token could not be checked: the login identity provider's metadata is unavailable ({ExceptionType}: {ExceptionMessage})")]
    public static partial void AuthenticationUnavailable(ILogger logger, string exceptionType, string exceptionMessage);
}
