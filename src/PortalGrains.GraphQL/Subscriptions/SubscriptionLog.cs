using Microsoft.Extensions.Logging;

namespace PortalGrains.GraphQL.Subscriptions;

internal static partial class SubscriptionLog
{
    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Subscribed to the access request change stream for this silo's live subscriptions")]
    public static partial void FeedSubscribed(ILogger logger);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "Leaving the access request change stream failed; the stream drops this silo when it finds it gone")]
    public static partial void FeedUnsubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Information, Message = "Subscription connection closed ({CloseCode} {Reason})")]
    public static partial void ConnectionClosed(ILogger logger, int closeCode, string reason);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Warning, Message = "Subscription connection failed")]
    public static partial void ConnectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4305, Level = LogLevel.Information, Message = "Subscription connection refused: user {UserId} has {Max} open")]
    public static partial void TooManyConnections(ILogger logger, string userId, int max);
}
