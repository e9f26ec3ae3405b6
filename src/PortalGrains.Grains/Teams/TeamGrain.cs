using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Developers;
using PortalGrains.Abstractions.Notifications;
using PortalGrains.Abstractions.Teams;
using PortalGrains.Grains.Common;
using PortalGrains.Grains.Notifications;
using PortalGrains.Grains.Persistence;
using PortalGrains.Grains.Validation;
using PortalGrains.Grains.Webhooks;

namespace PortalGrains.Grains.Teams;

/// <summary>
/// A team: members and roles, open invitations, application ids. Commands check the caller's role here and decide a
/// <see cref="TeamChange"/>; <see cref="ApplyAsync"/> applies every change, one write of this grain and, when
/// membership changes, one write of the member's developer grain (which authorization reads).
/// </summary>
/// <remarks>
/// A member leaves the developer grain before the team forgets them, and joins it before the team lists them: the
/// developer grain, which decides access, is never behind a removal. When the second write fails the command fails and
/// can be sent again; both writes are idempotent.
/// </remarks>
public sealed class TeamGrain(
    [PersistentState("team")] IPersistentState<TeamState> state,
    TimeProvider clock,
    IOptions<PortalLimitsOptions> limits,
    IOptions<TeamOptions> teamOptions,
    IOptions<NotificationOptions> notificationOptions,
    TeamChangeRecorder recorder,
    ILogger<TeamGrain> logger) : Grain, ITeamGrain
{
    private string Id => this.GetPrimaryKeyString();

    private TeamState S => state.State;

    public async Task<CommandResult<TeamView>> CreateAsync(string name, Caller caller, CancellationToken cancellationToken = default)
    {
        var errors = new List<UserError>();
        TextRules.Required(name, InputLimits.MaxNameLength, "The team's name", errors, "input", "name");
        if (errors.Count > 0)
        {
            return CommandResult<TeamView>.Failure(errors);
        }

        if (S.Exists)
        {
            return CommandResult<TeamView>.Failure(UserError.For(UserErrorCodes.Conflict, "A team with this id exists.", "input"));
        }

        var now = clock.GetUtcNow();
        var change = new TeamChange(TeamChangeKind.Created, caller.Id, now, Name: TextRules.Normalize(name),
            Member: new TeamMemberView(caller.Id, TeamRole.Owner, now));
        return await ApplyAsync(change, cancellationToken) is { } refused
            ? CommandResult<TeamView>.Failure(refused)
            : CommandResult<TeamView>.Success(View()!);
    }

    public Task<TeamView?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(View());

    public async Task<CommandResult<TeamInvitationView>> InviteAsync(
        string? developerId, string? email, TeamRole role, Caller caller, CancellationToken cancellationToken = default)
    {
        if (OwnerRequired(caller) is { } denied)
        {
            return CommandResult<TeamInvitationView>.Failure(denied);
        }

        var now = clock.GetUtcNow();
        var invitedId = TextRules.Normalize(developerId);
        var invitedEmail = TextRules.Normalize(email);
        if (InvitationErrors(invitedId, invitedEmail, now) is { Count: > 0 } errors)
        {
            return CommandResult<TeamInvitationView>.Failure(errors);
        }

        var invitation = new TeamInvitationView(
            TeamIds.NewInvitationId(Id), Id, invitedId, invitedEmail, role, caller.Id, now + teamOptions.Value.InvitationLifetime);
        await ApplyAsync(new TeamChange(TeamChangeKind.Invited, caller.Id, now, Invitation: invitation), cancellationToken);
        await GrainFactory.GetGrain<ITeamInvitationInboxGrain>(invitation.InboxKey).AddAsync(invitation, cancellationToken);
        if (invitedEmail is not null && notificationOptions.Value.Enabled)
        {
            var message = TeamInvitationEmailComposer.Compose(S.Name, invitation, notificationOptions.Value, now);
            await GrainFactory.OutboxFor(message).EnqueueAsync(message, cancellationToken);
        }

        return CommandResult<TeamInvitationView>.Success(invitation);
    }

    public async Task<CommandResult<TeamView>> AcceptAsync(string invitationId, Caller caller, string? emailClaim, CancellationToken cancellationToken = default)
    {
        var invitation = S.Invitations.Find(i => i.Id == invitationId);
        if (!S.Exists || invitation is null || !Names(invitation, caller, emailClaim))
        {
            return CommandResult<TeamView>.Failure(UserError.For(UserErrorCodes.NotFound, "No invitation for you has this id.", "input", "id"));
        }

        var now = clock.GetUtcNow();
        if (invitation.ExpiresAt <= now)
        {
            return CommandResult<TeamView>.Failure(UserError.For(UserErrorCodes.Expired,
                "The invitation has expired; ask an OWNER of the team for a new one.", "input", "id"));
        }

        var current = S.Members.Find(m => m.DeveloperId == caller.Id);
        if (current is null && S.Members.Count >= limits.Value.MembersPerTeam)
        {
            return CommandResult<TeamView>.Failure(MembersLimit());
        }

        var member = new TeamMemberView(caller.Id, invitation.Role, current?.JoinedAt ?? now);
        if (await ApplyAsync(new TeamChange(TeamChangeKind.Joined, caller.Id, now, Member: member, Invitation: invitation), cancellationToken) is { } refused)
        {
            return CommandResult<TeamView>.Failure(refused);
        }

        await GrainFactory.GetGrain<ITeamInvitationInboxGrain>(invitation.InboxKey).RemoveAsync(invitation.Id, cancellationToken);
        return CommandResult<TeamView>.Success(View()!);
    }

    public async Task<CommandResult<TeamView>> RevokeInvitationAsync(string invitationId, Caller caller, CancellationToken cancellationToken = default)
    {
        if (OwnerRequired(caller) is { } denied)
        {
            return CommandResult<TeamView>.Failure(denied);
        }

        if (S.Invitations.Find(i => i.Id == invitationId) is not { } invitation)
        {
            return CommandResult<TeamView>.Failure(UserError.For(UserErrorCodes.NotFound, "The team has no open invitation with this id.", "input", "id"));
        }

        await ApplyAsync(new TeamChange(TeamChangeKind.InvitationRevoked, caller.Id, clock.GetUtcNow(), Invitation: invitation), cancellationToken);
        await GrainFactory.GetGrain<ITeamInvitationInboxGrain>(invitation.InboxKey).RemoveAsync(invitation.Id, cancellationToken);
        return CommandResult<TeamView>.Success(View()!);
    }

    public async Task<CommandResult<TeamView>> RemoveMemberAsync(string developerId, Caller caller, CancellationToken cancellationToken = default)
    {
        var callerRole = RoleOf(caller.Id);
        if (callerRole is null)
        {
            return CommandResult<TeamView>.Failure(NoSuchTeam());
        }

        if (callerRole != TeamRole.Owner && developerId != caller.Id)
        {
            return CommandResult<TeamView>.Failure(UserError.For(UserErrorCodes.Forbidden,
                "Only an OWNER of the team removes other members; a member may leave.", "input", "developerId"));
        }

        if (S.Members.Find(m => m.DeveloperId == developerId) is not { } member)
        {
            return CommandResult<TeamView>.Failure(UserError.For(UserErrorCodes.NotFound, "The team has no member with this id.", "input", "developerId"));
        }

        if (member.Role == TeamRole.Owner && S.Members.Count(m => m.Role == TeamRole.Owner) == 1)
        {
            return CommandResult<TeamView>.Failure(UserError.For(UserErrorCodes.LastOwner,
                "The last OWNER can neither leave nor be removed; make another member an OWNER first.", "input", "developerId"));
        }

        await ApplyAsync(new TeamChange(TeamChangeKind.MemberRemoved, caller.Id, clock.GetUtcNow(), Member: member), cancellationToken);
        return CommandResult<TeamView>.Success(View()!);
    }

    public async Task AddApplicationAsync(string applicationId, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        if (!S.Exists)
        {
            throw new InvalidOperationException($"Team {Id} does not exist.");
        }

        await ApplyAsync(new TeamChange(TeamChangeKind.ApplicationAdded, caller.Id, clock.GetUtcNow(), ApplicationId: applicationId), cancellationToken);
    }

    /// <summary>
    /// Applies one decided change: the member's developer grain first when membership changes (a join there can still be
    /// refused by the developer's team limit, and then nothing changed), then this grain's state.
    /// </summary>
    private async Task<UserError?> ApplyAsync(TeamChange change, CancellationToken cancellationToken)
    {
        if (change is { Kind: TeamChangeKind.Created or TeamChangeKind.Joined, Member: { } joining })
        {
            if (await GrainFactory.GetGrain<IDeveloperGrain>(joining.DeveloperId).JoinTeamAsync(Id, joining.Role, cancellationToken) is { } refused)
            {
                return refused;
            }
        }
        else if (change is { Kind: TeamChangeKind.MemberRemoved, Member: { } leaving })
        {
            await GrainFactory.GetGrain<IDeveloperGrain>(leaving.DeveloperId).LeaveTeamAsync(Id, cancellationToken);
        }

        await state.UpdateAsync(this, change.ApplyTo, cancellationToken);
        TeamLog.Changed(logger, Id, change.Kind, change.Actor);
        await recorder.RecordMembershipChangeAsync(change.Actor, Id, WebhookEvents.TeamData(View()!), change.Describe(), cancellationToken);
        return null;
    }

    private List<UserError> InvitationErrors(string? developerId, string? email, DateTimeOffset now)
    {
        var errors = new List<UserError>();
        if ((developerId is null) == (email is null))
        {
            errors.Add(UserError.For(UserErrorCodes.Required, "Invite either a developer id or an e-mail address.", "input", "developerId"));
        }
        else if (developerId is { Length: > InputLimits.MaxIdLength })
        {
            errors.Add(UserError.For(UserErrorCodes.TooLong, $"An id has at most {InputLimits.MaxIdLength} characters.", "input", "developerId"));
        }
        else if (email is not null && (email.Length > InputLimits.MaxEmailLength || !EmailAddressRules.IsPlausible(email)))
        {
            errors.Add(UserError.For(UserErrorCodes.Invalid, "This is not an e-mail address.", "input", "email"));
        }
        else if (developerId is not null && RoleOf(developerId) is not null)
        {
            errors.Add(UserError.For(UserErrorCodes.Conflict, "This developer is a member of the team already.", "input", "developerId"));
        }
        else if (S.Members.Count + S.Invitations.Count(i => i.ExpiresAt > now) >= limits.Value.MembersPerTeam)
        {
            errors.Add(MembersLimit());
        }

        return errors;
    }

    private UserError MembersLimit() => UserError.For(UserErrorCodes.LimitExceeded,
        $"A team has at most {limits.Value.MembersPerTeam} members, open invitations included; remove a member or revoke an invitation first.", "input");

    private static bool Names(TeamInvitationView invitation, Caller caller, string? emailClaim) =>
        invitation.DeveloperId is { } id
            ? string.Equals(id, caller.Id, StringComparison.Ordinal)
            : emailClaim is not null && string.Equals(invitation.Email, emailClaim.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when the caller is an OWNER; otherwise NOT_FOUND for non-members (the team is not revealed), FORBIDDEN for MEMBERs.</summary>
    private UserError? OwnerRequired(Caller caller) => RoleOf(caller.Id) switch
    {
        TeamRole.Owner => null,
        TeamRole.Member => UserError.For(UserErrorCodes.Forbidden, "Only an OWNER of the team may do this.", "input", "teamId"),
        _ => NoSuchTeam(),
    };

    private static UserError NoSuchTeam() => UserError.For(UserErrorCodes.NotFound, "No team of yours has this id.", "input", "teamId");

    private TeamRole? RoleOf(string developerId) =>
        S.Exists ? S.Members.Find(m => m.DeveloperId == developerId)?.Role : null;

    private TeamView? View()
    {
        if (!S.Exists)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        return new TeamView(Id, S.Name, S.CreatedAt, [.. S.Members], [.. S.Invitations.Where(i => i.ExpiresAt > now)], [.. S.ApplicationIds]);
    }
}
