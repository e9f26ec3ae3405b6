using Microsoft.Extensions.Logging;

namespace PortalGrains.IdentityProviders.Discovery;

internal static partial class ProviderMetadataCacheLog
{
    [LoggerMessage(EventId = 7200, Level = LogLevel.Debug,
        Message = "Identity provider {ProviderId}: discovery document fetched from {Url}, issuer {Issuer}")]
    public static partial void DiscoveryFetched(ILogger logger, string providerId, Uri url, string issuer);

    [LoggerMessage(EventId = 7201, Level = LogLevel.Debug,
        Message = "Identity provider {ProviderId}: JWKS fetched from {Url}, {KeyCount} signing keys")]
    public static partial void JwksFetched(ILogger logger, string providerId, Uri url, int keyCount);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Warning,
        Message = "Identity provider {ProviderId}: {Kind} fetch failed, serving the copy cached since {CachedSince}: {Reason}")]
    public static partial void FetchFailedServingStale(
        ILogger logger, string providerId, ProviderMetadataKind kind, DateTimeOffset cachedSince, string reason);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Warning,
        Message = "Identity provider {ProviderId}: {Kind} fetch failed and nothing is cached: {Reason}")]
    public static partial void FetchFailedNothingCached(ILogger logger, string providerId, ProviderMetadataKind kind, string reason);

    [LoggerMessage(EventId = 7204, Level = LogLevel.Information,
        Message = "Identity provider {ProviderId}: unknown kid {Kid}, refreshing the JWKS")]
    public static partial void UnknownKidRefresh(ILogger logger, string providerId, string kid);

    [LoggerMessage(EventId = 7205, Level = LogLevel.Debug,
        Message = "Identity provider {ProviderId}: unknown kid {Kid}, JWKS refreshed less than {Interval} ago, not refreshing")]
    public static partial void UnknownKidRefreshSuppressed(ILogger logger, string providerId, string kid, TimeSpan interval);

    [LoggerMessage(EventId = 7206, Level = LogLevel.Information,
        Message = "Identity provider {ProviderId}: cached metadata dropped ({Why})")]
    public static partial void EntryDropped(ILogger logger, string providerId, string why);
}
