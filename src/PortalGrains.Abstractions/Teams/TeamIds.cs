namespace PortalGrains.Abstractions.Teams;

/// <summary>
/// Invitation ids start with their team's id (<c>{teamId}.{random}</c>), so that accepting one by its id reaches its
/// team's grain directly; the team grain still checks that it holds the invitation and that it names the caller.
/// </summary>
public static class TeamIds
{
    private const char Separator = '.';

    public static string NewTeamId() => Guid.NewGuid().ToString("N");

    public static string NewInvitationId(string teamId) => teamId + Separator + Guid.NewGuid().ToString("N");

    /// <summary>The team of an invitation id, or null when the id has no team part.</summary>
    public static string? TeamOfInvitation(string invitationId)
    {
        var at = invitationId.IndexOf(Separator, StringComparison.Ordinal);
        return at > 0 ? invitationId[..at] : null;
    }
}
