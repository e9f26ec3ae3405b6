using System.Collections.Immutable;
using PortalGrains.Abstractions.Teams;
using PortalGrains.Grains.Persistence;

namespace PortalGrains.Grains.Teams;

/// <summary>The invitations waiting for one invitee; expired ones are dropped with the next write.</summary>
public sealed class TeamInvitationInboxGrain(
    [PersistentState("teamInvitationInbox")] IPersistentState<TeamInvitationInboxState> state,
    TimeProvider clock) : Grain, ITeamInvitationInboxGrain
{
    public Task AddAsync(TeamInvitationView invitation, CancellationToken cancellationToken = default) =>
        state.UpdateAsync(this, s =>
        {
            var now = clock.GetUtcNow();
            s.Invitations.RemoveAll(i => i.ExpiresAt <= now || i.TeamId == invitation.TeamId);
            s.Invitations.Add(invitation);
            return true;
        }, cancellationToken);

    public Task RemoveAsync(string invitationId, CancellationToken cancellationToken = default) =>
        state.UpdateAsync(this, s => s.Invitations.RemoveAll(i => i.Id == invitationId) > 0, cancellationToken);

    public Task<ImmutableArray<TeamInvitationView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(state.State.Invitations.Where(i => i.ExpiresAt > now).ToImmutableArray());
    }
}
