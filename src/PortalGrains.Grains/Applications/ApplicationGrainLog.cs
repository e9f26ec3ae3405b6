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
}
