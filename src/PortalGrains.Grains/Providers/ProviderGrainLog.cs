using Microsoft.Extensions.Logging;

namespace PortalGrains.Grains.Providers;

internal static partial class ProviderGrainLog
{
    [LoggerMessage(1, LogLevel.Information, "Provider {ProviderId} saved by {Actor} (version {Version}, kind {Kind})")]
    public static partial void Saved(ILogger logger, string providerId, string actor, long version, string kind);

    [LoggerMessage(2, LogLevel.Information, "Provider {ProviderId} deleted by {Actor}")]
    public static partial void Deleted(ILogger logger, string providerId, string actor);

    [LoggerMessage(3, LogLevel.Warning, "Discovery of provider {ProviderId} is unavailable: {Reason}")]
    public static partial void DiscoveryUnavailable(ILogger logger, string providerId, string reason);
}
