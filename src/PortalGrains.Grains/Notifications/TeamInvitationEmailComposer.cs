using System.Globalization;
using PortalGrains.Abstractions.Notifications;
using PortalGrains.Abstractions.Teams;

namespace PortalGrains.Grains.Notifications;

/// <summary>The e-mail that brings an invitation by e-mail address to its invitee.</summary>
public static class TeamInvitationEmailComposer
{
    public static EmailMessage Compose(string teamName, TeamInvitationView invitation, NotificationOptions options, DateTimeOffset now)
    {
        var dedupKey = $"{invitation.Id}:TEAM_INVITATION";
        var role = invitation.Role == TeamRole.Owner ? "an OWNER" : "a MEMBER";
        var body = $$"""
            Hello,

            You are invited to join the team "{{teamName}}" on the API portal as {{role}}: its members see and use the
            team's applications and their credentials.

            Sign in to the portal ({{options.PortalUrl}}) with this e-mail address and accept the invitation there, or with the
            GraphQL mutation acceptTeamInvitation(input: { id: "{{invitation.Id}}" }) { team { id name } errors { code message } }.
            The invitation expires at {{invitation.ExpiresAt.ToString("u", CultureInfo.InvariantCulture)}}.

            -- 
            This message was sent automatically by the API portal; replies are not read.
            """;
        return new EmailMessage(
            AccessRequestEmailComposer.MessageIdFor(dedupKey), invitation.Email!.Trim(),
            $"Invitation to the team {teamName}", body.Replace("\r", ""), now, dedupKey);
    }
}
