using PortalGrains.Abstractions.AccessRequests;

namespace PortalGrains.GraphQL.Schema.Types;

/// <summary>
/// Who acted on an access request, as its viewer may see it: admins see every user id; the developer sees their own
/// id and the system's, and any other user (who can only have been an admin) as <see cref="Administrator"/>.
/// </summary>
internal static class RequestActors
{
    public const string Administrator = "an administrator";

    public static string? Shown(string? actor, AccessRequestView request, bool viewerIsAdmin) =>
        actor is null || viewerIsAdmin || IsDeveloperOrSystem(actor, request) ? actor : Administrator;

    private static bool IsDeveloperOrSystem(string actor, AccessRequestView request) =>
        string.Equals(actor, request.DeveloperId, StringComparison.Ordinal)
        || actor == "system"
        || actor.StartsWith("system:", StringComparison.Ordinal);
}
