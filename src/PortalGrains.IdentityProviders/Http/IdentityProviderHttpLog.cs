using Microsoft.Extensions.Logging;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>
/// Log lines of the HTTP layer. Only provider ids, methods, hosts, paths and status codes are logged: never
/// headers (Authorization carries initial access and registration tokens) nor bodies (client secrets).
/// </summary>
internal static partial class IdentityProviderHttpLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Warning,
        Message = "TLS certificate validation is OFF for identity provider {ProviderId} (SslInsecureSkipVerify): any server certificate is accepted. Use this for development only.")]
    public static partial void InsecureTlsClientCreated(ILogger logger, string providerId);

    [LoggerMessage(EventId = 7112, Level = LogLevel.Warning,
        Message = "Identity provider {ProviderId} asks for SslInsecureSkipVerify, which the outbound policy does not allow (Portal:Outbound:AllowInsecureTls is off): its certificate is validated.")]
    public static partial void InsecureTlsNotAllowed(ILogger logger, string providerId);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information,
        Message = "Identity provider {ProviderId}: built a new HTTP handler chain (custom CA bundle: {HasCustomCa}, http allowed: {AllowHttp})")]
    public static partial void HandlerChainBuilt(ILogger logger, string providerId, bool hasCustomCa, bool allowHttp);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning,
        Message = "Identity provider {ProviderId}: refused connection to {Host}: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, string providerId, string host, string reason);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning,
        Message = "Identity provider {ProviderId}: refused request: {Reason}")]
    public static partial void RequestRefused(ILogger logger, string providerId, string reason);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Information,
        Message = "Identity provider {ProviderId}: {Method} {Host}{Path} failed ({Failure}), retry {Retry} in {Delay}")]
    public static partial void RetryScheduled(
        ILogger logger, string providerId, string? method, string? host, string? path, string failure, int retry, TimeSpan delay);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning,
        Message = "Identity provider {ProviderId}: circuit opened for {BreakDuration} after {Failure}")]
    public static partial void CircuitOpened(ILogger logger, string providerId, TimeSpan breakDuration, string failure);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Information,
        Message = "Identity provider {ProviderId}: circuit half-open, letting a trial call through")]
    public static partial void CircuitHalfOpened(ILogger logger, string providerId);

    [LoggerMessage(EventId = 7107, Level = LogLevel.Information,
        Message = "Identity provider {ProviderId}: circuit closed")]
    public static partial void CircuitClosed(ILogger logger, string providerId);

    [LoggerMessage(EventId = 7108, Level = LogLevel.Debug,
        Message = "Identity provider {ProviderId}: {Method} {Host}{Path} -> {Outcome}")]
    public static partial void AttemptCompleted(
        ILogger logger, string providerId, string method, string? host, string? path, string outcome);
}
