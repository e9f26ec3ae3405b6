using Microsoft.Extensions.Logging;

namespace PortalGrains.Grains.Applications;

internal static partial class ApplicationSearchLog
{
    [LoggerMessage(LogLevel.Warning, "Application {ApplicationId}: updating the admin search index failed; the next change or activation repeats it")]
    public static partial void IndexUpdateFailed(ILogger logger, Exception exception, string applicationId);
}
