using Microsoft.Extensions.Logging;

namespace PortalGrains.Grains.Catalog;

internal static partial class CatalogLog
{
    [LoggerMessage(1, LogLevel.Information, "Catalogue product {ProductId} saved by {Actor}; catalogue version {Version}")]
    public static partial void ProductSaved(ILogger logger, string productId, string actor, long version);

    [LoggerMessage(2, LogLevel.Information, "Catalogue plan {PlanId} saved by {Actor}; catalogue version {Version}")]
    public static partial void PlanSaved(ILogger logger, string planId, string actor, long version);

    [LoggerMessage(3, LogLevel.Debug, "Catalogue cache refreshed to version {Version} (snapshot fetched: {Fetched})")]
    public static partial void CacheRefreshed(ILogger logger, long version, bool fetched);

    [LoggerMessage(4, LogLevel.Warning, "Catalogue cache refresh failed; serving version {Version} until the next check")]
    public static partial void CacheRefreshFailedServingStale(ILogger logger, Exception exception, long version);

    [LoggerMessage(5, LogLevel.Warning, "Catalogue cache refresh failed and no copy is held yet")]
    public static partial void CacheRefreshFailed(ILogger logger, Exception exception);
}
