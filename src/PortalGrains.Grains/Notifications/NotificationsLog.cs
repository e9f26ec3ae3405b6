using Microsoft.Extensions.Logging;

namespace PortalGrains.Grains.Notifications;

/// <summary>Log lines of e-mail notifications: message ids, recipient domains and outcomes; never an address or a body.</summary>
internal static partial class NotificationsLog
{
    [LoggerMessage(5001, LogLevel.Information, "E-mail {MessageId} to a recipient at {RecipientDomain} queued in {Outbox} ({Pending} pending)")]
    public static partial void Queued(ILogger logger, string messageId, string recipientDomain, string outbox, int pending);

    [LoggerMessage(5002, LogLevel.Debug, "E-mail {MessageId} is already queued or sent; ignored")]
    public static partial void Duplicate(ILogger logger, string messageId);

    [LoggerMessage(5003, LogLevel.Information, "E-mail {MessageId} to {RecipientDomain}: {Status} {Error}")]
    public static partial void Sent(ILogger logger, string messageId, string recipientDomain, EmailDeliveryStatus status, string? error);

    [LoggerMessage(5004, LogLevel.Warning, "Connecting to the SMTP server {Host}:{Port} failed: {Error}")]
    public static partial void ConnectFailed(ILogger logger, string host, int port, string error);

    [LoggerMessage(5005, LogLevel.Warning, "E-mail {MessageId} to {RecipientDomain} was refused for good and is dropped: {Error}")]
    public static partial void Dropped(ILogger logger, string messageId, string recipientDomain, string? error);

    [LoggerMessage(5006, LogLevel.Warning, "{Outbox}: {Pending} e-mail(s) not delivered (attempt {Attempt}); next attempt in {Delay}")]
    public static partial void Deferred(ILogger logger, string outbox, int pending, int attempt, TimeSpan delay);

    [LoggerMessage(5007, LogLevel.Information, "{Outbox}: resuming delivery of {Pending} pending e-mail(s)")]
    public static partial void Resuming(ILogger logger, string outbox, int pending);

    [LoggerMessage(5008, LogLevel.Error, "Waking the e-mail outbox {Outbox} failed; its mail resumes on its next use")]
    public static partial void ResumeFailed(ILogger logger, string outbox, Exception exception);

    [LoggerMessage(5009, LogLevel.Information, "Access request {AccessRequestId} is {Status}; its developer has no e-mail address, so no e-mail")]
    public static partial void NoAddress(ILogger logger, string accessRequestId, string status);

    [LoggerMessage(5010, LogLevel.Error, "{Outbox} holds {Pending} undelivered e-mail(s), its limit: the oldest, {MessageId} to a recipient at {RecipientDomain}, was dropped for a new one ({Dropped} dropped so far)")]
    public static partial void OutboxFull(ILogger logger, string outbox, int pending, string messageId, string recipientDomain, long dropped);

    [LoggerMessage(5011, LogLevel.Error, "Storing the state of {Outbox} after sending failed; accepted e-mail may be sent again")]
    public static partial void BookkeepingFailed(ILogger logger, string outbox, Exception exception);

    [LoggerMessage(5012, LogLevel.Information, "Admin alert listing {Requests} new access request(s) queued for {Admins} admin address(es)")]
    public static partial void AdminAlertQueued(ILogger logger, int requests, int admins);

    [LoggerMessage(5013, LogLevel.Warning, "The admin alert could not be queued; it is tried again after the alert interval")]
    public static partial void AdminAlertFailed(ILogger logger, Exception exception);
}
