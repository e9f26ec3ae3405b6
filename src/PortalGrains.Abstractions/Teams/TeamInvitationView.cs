using System.Text;

namespace PortalGrains.Abstractions.Teams;

/// <summary>An open invitation into a team, addressed to a developer id or to an e-mail address (the printed form leaves the address out).</summary>
[GenerateSerializer, Immutable]
public sealed record TeamInvitationView(
    [property: Id(0)] string Id,
    [property: Id(1)] string TeamId,
    [property: Id(2)] string? DeveloperId,
    [property: Id(3)] string? Email,
    [property: Id(4)] TeamRole Role,
    [property: Id(5)] string InvitedBy,
    [property: Id(6)] DateTimeOffset ExpiresAt)
{
    /// <summary>The inbox an invitation waits in for its invitee (see <see cref="ITeamInvitationInboxGrain"/>).</summary>
    public string InboxKey => DeveloperId is { } id ? TeamInvitationInboxKeys.ForDeveloper(id) : TeamInvitationInboxKeys.ForEmail(Email!);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", TeamId = ").Append(TeamId).Append(", Role = ").Append(Role);
        return true;
    }
}
