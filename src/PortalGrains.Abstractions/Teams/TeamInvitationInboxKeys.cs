namespace PortalGrains.Abstractions.Teams;

/// <summary>The keys of invitation inboxes: one per invited developer id and one per invited e-mail address (case-insensitive).</summary>
public static class TeamInvitationInboxKeys
{
    public static string ForDeveloper(string developerId) => "id:" + developerId;

    public static string ForEmail(string email) => "email:" + email.Trim().ToLowerInvariant();
}
