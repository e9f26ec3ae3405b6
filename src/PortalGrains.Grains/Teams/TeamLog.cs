using Microsoft.Extensions.Logging;

namespace PortalGrains.Grains.Teams;

internal static partial class TeamLog
{
    [LoggerMessage(1, LogLevel.Information, "Team {TeamId}: {Change} by {Actor}")]
    public static partial void Changed(ILogger logger, string teamId, TeamChangeKind change, string actor);
}
