using Microsoft.Extensions.Logging;

namespace PortalGrains.Grains.Applications;

internal static partial class ApplicationGrainLog
{
    [LoggerMessage(1, LogLevel.Information, "Application {ApplicationId}: {Operation} at provider {ProviderId} succeeded (client {ClientId}, reference {CorrelationId})")]
    public static partial void OperationSucceeded(ILogger logger, string applicationId, IdentityProviderOperationKind operation, string providerId, string clientId, string correlationId);

    [LoggerMessage(2, LogLevel.Warning, "Application {ApplicationId}: {Operation} at provider {ProviderId} failed ({Kind}): {Detail} (reference {CorrelationId})")]
    public static partial void OperationFailed(ILogger logger, string applicationId, IdentityProviderOperationKind operation, string providerId, string kind, string detail, string correlationId);

    [LoggerMessage(3, LogLevel.Warning, "Application {ApplicationId}: found an unsettled {Operation} at provider {ProviderId} from {StartedAt} (operation {OperationId}); resolving it")]
    public static partial void UnsettledOperation(ILogger logger, string applicationId, IdentityProviderOperationKind operation, string providerId, DateTimeOffset startedAt, string operationId);

    [LoggerMessage(4, LogLevel.Error, "Application {ApplicationId}: storing the client {ClientId} registered at provider {ProviderId} failed; deleting it again")]
    public static partial void CompensatingRegistration(ILogger logger, Exception exception, string applicationId, string providerId, string clientId);

    [LoggerMessage(5, LogLevel.Information, "Application {ApplicationId}: retrying provider {ProviderId} in {Delay} (attempt {Attempt})")]
    public static partial void RetryScheduled(ILogger logger, string applicationId, string providerId, TimeSpan delay, int attempt);

    [LoggerMessage(6, LogLevel.Error, "Application {ApplicationId}: queueing the secret rotation e-mail failed")]
    public static partial void NotificationFailed(ILogger logger, Exception exception, string applicationId);

    [LoggerMessage(7, LogLevel.Information, "Application {ApplicationId}: deleted client {ClientId} ({Outcome}) at provider {ProviderId}, left by a registration whose outcome was lost (reference {CorrelationId})")]
    public static partial void LeftoverClientDeleted(ILogger logger, string applicationId, string clientId, IdentityProviders.Registration.ClientDeletionOutcome outcome, string providerId, string correlationId);

    [LoggerMessage(8, LogLevel.Information, "Application {ApplicationId}: {Count} registration(s) at provider {ProviderId} whose outcome was lost are settled; {Deleted} client(s) they left were deleted")]
    public static partial void UnsettledRegistrationsSettled(ILogger logger, string applicationId, int count, string providerId, int deleted);

    [LoggerMessage(9, LogLevel.Warning, "Application {ApplicationId}: searching provider {ProviderId} for clients left by lost registrations failed ({Kind}): {Detail}; retrying in {Delay}")]
    public static partial void UnsettledSearchFailed(ILogger logger, string applicationId, string providerId, string kind, string detail, TimeSpan delay);

    [LoggerMessage(10, LogLevel.Warning, "Application {ApplicationId}: no automatic search of provider {ProviderId} for clients left by {Count} lost registration(s): {Reason}")]
    public static partial void UnsettledSearchStopped(ILogger logger, string applicationId, string providerId, int count, string reason);

    [LoggerMessage(12, LogLevel.Warning, "Application {ApplicationId}: the pending-work index could not be updated ({Error}); the application's own timer carries on, and the index is updated on its next change")]
    public static partial void PendingIndexUpdateFailed(ILogger logger, string applicationId, string error);

    [LoggerMessage(13, LogLevel.Warning, "Application {ApplicationId}: recording client {ClientId} at provider {ProviderId} as the application's failed ({Error}); it is recorded when it is next updated")]
    public static partial void OwnershipUpdateFailed(ILogger logger, string applicationId, string clientId, string providerId, string error);

    [LoggerMessage(11, LogLevel.Warning, "Application {ApplicationId}: client {ClientId} at provider {ProviderId} carries this application's tag but belongs to application {OwnerId}; left alone")]
    public static partial void TaggedClientOwnedElsewhere(ILogger logger, string applicationId, string clientId, string providerId, string ownerId);

    [LoggerMessage(14, LogLevel.Warning, "Pending-work index {Shard}: storing its removals at deactivation failed; the applications removed are woken once more and take themselves off again")]
    public static partial void PendingRemovalsNotStored(ILogger logger, Exception exception, string shard);
}
