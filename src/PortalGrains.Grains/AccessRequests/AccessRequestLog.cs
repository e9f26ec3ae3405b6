using Microsoft.Extensions.Logging;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Applications;

namespace PortalGrains.Grains.AccessRequests;

internal static partial class AccessRequestLog
{
    [LoggerMessage(1, LogLevel.Information, "Access request {AccessRequestId} {From} -> {To} by {Actor}")]
    public static partial void StatusChanged(ILogger logger, string accessRequestId, AccessRequestStatus? from, AccessRequestStatus to, string actor);

    [LoggerMessage(2, LogLevel.Error, "Access request {AccessRequestId}: the grant to application {ApplicationId} failed (correlation id {CorrelationId})")]
    public static partial void GrantCallFailed(ILogger logger, Exception exception, string accessRequestId, string applicationId, string correlationId);

    [LoggerMessage(3, LogLevel.Warning, "Access request {AccessRequestId}: releasing the grant at application {ApplicationId} failed; retrying in {RetryIn}")]
    public static partial void GrantReleaseFailed(ILogger logger, Exception exception, string accessRequestId, string applicationId, TimeSpan retryIn);

    [LoggerMessage(4, LogLevel.Warning, "Access request {AccessRequestId}: updating the admin index to {Status} failed; repeated at the next change or activation")]
    public static partial void IndexUpdateFailed(ILogger logger, Exception exception, string accessRequestId, AccessRequestStatus status);

    [LoggerMessage(5, LogLevel.Information, "Access request {AccessRequestId}: provisioning outcome {State} ignored in status {Status}")]
    public static partial void OutcomeIgnored(ILogger logger, string accessRequestId, ProvisioningState state, AccessRequestStatus? status);

    [LoggerMessage(6, LogLevel.Warning, "Access request {AccessRequestId}: provisioning outcome for another request ({OtherId}) ignored")]
    public static partial void OutcomeForAnotherRequest(ILogger logger, string accessRequestId, string otherId);

    [LoggerMessage(7, LogLevel.Warning, "Checkout by {DeveloperId} stopped after creating application {ApplicationId}")]
    public static partial void CheckoutInterrupted(ILogger logger, Exception exception, string developerId, string? applicationId);

    [LoggerMessage(8, LogLevel.Error, "Access request {AccessRequestId}: queueing the {Status} e-mail failed; the decision stands")]
    public static partial void NotificationFailed(ILogger logger, Exception exception, string accessRequestId, AccessRequestStatus status);

    [LoggerMessage(9, LogLevel.Warning, "Checkout by {DeveloperId}: giving back the reservation of request {AccessRequestId} failed; it expires")]
    public static partial void ReservationReleaseFailed(ILogger logger, Exception exception, string developerId, string accessRequestId);

    [LoggerMessage(10, LogLevel.Warning, "Access request {AccessRequestId}: publishing the change to {Status} to live subscriptions failed; the change stands")]
    public static partial void ChangeNotPublished(ILogger logger, Exception exception, string accessRequestId, AccessRequestStatus status);
}
