using Microsoft.Extensions.Logging;

namespace PortalGrains.IdentityProviders.InitialAccess;

internal static partial class InitialAccessLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug,
        Message = "Obtained an access token for client {ClientId} at {TokenEndpoint}, valid for {Lifetime}")]
    public static partial void TokenObtained(ILogger logger, string clientId, Uri tokenEndpoint, TimeSpan lifetime);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning,
        Message = "The token request of client {ClientId} at {TokenEndpoint} failed: HTTP {Status}, error {Error}")]
    public static partial void TokenRequestFailed(ILogger logger, string clientId, Uri tokenEndpoint, int? status, string? error);
}
