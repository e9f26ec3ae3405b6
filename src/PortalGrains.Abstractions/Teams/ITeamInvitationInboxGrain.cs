using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Teams;

/// <summary>
/// The invitations waiting for one invitee (keyed by <see cref="TeamInvitationInboxKeys"/>), so that a developer finds
/// them without knowing the teams. The team grain stays the truth: an entry whose invitation the team no longer holds is
/// not shown.
/// </summary>
[Alias("PortalGrains.Teams.ITeamInvitationInboxGrain")]
public interface ITeamInvitationInboxGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task AddAsync(TeamInvitationView invitation, CancellationToken cancellationToken = default);

    [Alias("Remove")]
    Task RemoveAsync(string invitationId, CancellationToken cancellationToken = default);

    /// <summary>The invitations not yet expired, as they were when sent.</summary>
    [Alias("List")]
    Task<ImmutableArray<TeamInvitationView>> ListAsync(CancellationToken cancellationToken = default);
}
