using PortalGrains.Abstractions.Teams;

namespace PortalGrains.Grains.Teams;

/// <summary>
/// One decided change of a team: who made it, what it is and whom it concerns. Every change of a team is one of
/// these and is applied by <see cref="TeamGrain"/> in one place, so whatever must follow each change (its record,
/// its announcement) is added there once.
/// </summary>
public sealed record TeamChange(
    TeamChangeKind Kind,
    string Actor,
    DateTimeOffset At,
    string? Name = null,
    TeamMemberView? Member = null,
    TeamInvitationView? Invitation = null,
    string? ApplicationId = null)
{
    /// <summary>Applies the change to the stored state; false when it changes nothing there.</summary>
    public bool ApplyTo(TeamState state)
    {
        state.Invitations.RemoveAll(i => i.ExpiresAt <= At);
        switch (Kind)
        {
            case TeamChangeKind.Created:
                state.Exists = true;
                state.Name = Name!;
                state.CreatedAt = At;
                state.Members = [Member!];
                return true;
            case TeamChangeKind.Invited:
                state.Invitations.RemoveAll(i => i.InboxKey == Invitation!.InboxKey);
                state.Invitations.Add(Invitation!);
                return true;
            case TeamChangeKind.InvitationRevoked:
                return state.Invitations.RemoveAll(i => i.Id == Invitation!.Id) > 0;
            case TeamChangeKind.Joined:
                state.Invitations.RemoveAll(i => i.Id == Invitation?.Id);
                state.Members.RemoveAll(m => m.DeveloperId == Member!.DeveloperId);
                state.Members.Add(Member!);
                return true;
            case TeamChangeKind.MemberRemoved:
                return state.Members.RemoveAll(m => m.DeveloperId == Member!.DeveloperId) > 0;
            case TeamChangeKind.ApplicationAdded:
                if (state.ApplicationIds.Contains(ApplicationId!))
                {
                    return false;
                }

                state.ApplicationIds.Add(ApplicationId!);
                return true;
            default:
                throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null);
        }
    }

    /// <summary>What changed, for the audit log (never a secret): e.g. "ada joined as MEMBER".</summary>
    public string Describe() => Kind switch
    {
        TeamChangeKind.Created => $"created \"{Name}\"",
        TeamChangeKind.Invited => $"invited {Invitation!.DeveloperId ?? Invitation.Email} as {Role(Invitation.Role)}",
        TeamChangeKind.InvitationRevoked => $"revoked the invitation of {Invitation!.DeveloperId ?? Invitation.Email}",
        TeamChangeKind.Joined => $"{Member!.DeveloperId} joined as {Role(Member.Role)}",
        TeamChangeKind.MemberRemoved => Member!.DeveloperId == Actor ? $"{Member.DeveloperId} left" : $"removed {Member.DeveloperId}",
        TeamChangeKind.ApplicationAdded => $"application {ApplicationId} added",
        _ => Kind.ToString(),
    };

    private static string Role(TeamRole role) => role.ToString().ToUpperInvariant();
}
