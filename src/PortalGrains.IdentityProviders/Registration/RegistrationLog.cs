using Microsoft.Extensions.Logging;
using PortalGrains.IdentityProviders.Errors;

namespace PortalGrains.IdentityProviders.Registration;

internal static partial class RegistrationLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Registered client {ClientId} at the {Kind} identity provider for portal application {ApplicationId}")]
    public static partial void ClientRegistered(ILogger logger, IdentityProviderKind kind, string clientId, string applicationId);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Updated client {ClientId} at the {Kind} identity provider")]
    public static partial void ClientUpdated(ILogger logger, IdentityProviderKind kind, string clientId);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information,
        Message = "Deleted client {ClientId} at the {Kind} identity provider: {Outcome}")]
    public static partial void ClientDeleted(ILogger logger, IdentityProviderKind kind, string clientId, ClientDeletionOutcome outcome);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information,
        Message = "Rotated the secret of client {ClientId} at the {Kind} identity provider ({Strategy}); the client is now {NewClientId}")]
    public static partial void SecretRotated(
        ILogger logger, IdentityProviderKind kind, string clientId, RotationStrategy strategy, string newClientId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning,
        Message = "{Operation} at the {Kind} identity provider failed ({ErrorKind}): HTTP {Status}, error {Error}")]
    public static partial void CallFailed(
        ILogger logger,
        IdentityProviderKind kind,
        IdentityProviderOperation operation,
        IdentityProviderErrorKind errorKind,
        int? status,
        string? error);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning,
        Message = "Client {ClientId} was created at the {Kind} identity provider, but granting its scopes failed ({ErrorKind}); the next update grants them")]
    public static partial void GrantAfterCreateFailed(
        ILogger logger, IdentityProviderKind kind, string clientId, IdentityProviderErrorKind errorKind);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning,
        Message = "Client {ClientId} at the {Kind} identity provider has its registration URI on {ClientUriHost}, not on the registration endpoint's host {RegistrationHost}: the registration access token is not sent there")]
    public static partial void ForeignRegistrationClientUri(
        ILogger logger, IdentityProviderKind kind, string clientId, string clientUriHost, string registrationHost);
}
