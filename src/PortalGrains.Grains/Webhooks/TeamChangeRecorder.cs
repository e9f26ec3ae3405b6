using PortalGrains.Abstractions.Webhooks;
using PortalGrains.Grains.Audit;

namespace PortalGrains.Grains.Webhooks;

/// <summary>
/// What a team grain calls once a membership change is stored: the audit entry and the TEAM_MEMBERSHIP_CHANGED
/// event (in the outbox of the team when this returns). Both throw when they cannot be written, so the change is not
/// acknowledged; calling again after a failure records the entry again and delivers the event once more (with a new id).
/// A grain that wants the event in its own state write instead stages <see cref="WebhookEvents.TeamMembershipChanged"/>
/// and publishes it with <see cref="StagedWebhookEvents"/>.
/// </summary>
public sealed class TeamChangeRecorder(AuditRecorder audit, IGrainFactory grains, TimeProvider clock)
{
    /// <param name="actor">the token's <c>sub</c> of who made the change</param>
    /// <param name="team">the team as the GraphQL API shows it to an admin (members with their roles), never a secret</param>
    /// <param name="detail">what changed, e.g. "ada joined as MEMBER"</param>
    public async Task RecordMembershipChangeAsync(string actor, string teamId, object team, string detail, CancellationToken cancellationToken = default)
    {
        await audit.RecordAsync(actor, "team.membershipChanged", AuditSubjects.Team, teamId, detail, cancellationToken);
        var webhookEvent = WebhookEvents.TeamMembershipChanged(teamId, team, clock.GetUtcNow());
        await grains.WebhookOutboxFor(webhookEvent).EnqueueAsync(webhookEvent, cancellationToken);
    }
}
