using Microsoft.Extensions.Logging;
using PortalGrains.Abstractions.Webhooks;

namespace PortalGrains.Grains.Webhooks;

internal static partial class WebhooksLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Webhook event {EventId} ({Type}) queued in {Shard} for {Deliveries} endpoints")]
    public static partial void Queued(ILogger logger, string eventId, WebhookEventType type, string shard, int deliveries);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} to endpoint {EndpointId}, attempt {Attempt}: status {Status} {Error}")]
    public static partial void Attempted(ILogger logger, string deliveryId, string endpointId, int attempt, int? status, string? error);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning, Message = "Webhook outbox {Shard}: a delivery round failed; it is retried")]
    public static partial void RoundFailed(ILogger logger, string shard, Exception exception);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Warning, Message = "The delivery list of webhook {EndpointId} could not be updated")]
    public static partial void DeliveryLogFailed(ILogger logger, string endpointId, Exception exception);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Warning, Message = "Staged webhook events of {Subject} could not be handed to the outbox; retried in {Delay}")]
    public static partial void PublishFailed(ILogger logger, string subject, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 8007, Level = LogLevel.Error, Message = "Webhook outbox {Shard} is full: the oldest delivery {DeliveryId} to endpoint {EndpointId} was given up for a new one")]
    public static partial void OutboxFull(ILogger logger, string shard, string deliveryId, string endpointId);

    [LoggerMessage(EventId = 8006, Level = LogLevel.Warning, Message = "Waking webhook outbox {Shard} failed")]
    public static partial void ResumeFailed(ILogger logger, string shard, Exception exception);
}
