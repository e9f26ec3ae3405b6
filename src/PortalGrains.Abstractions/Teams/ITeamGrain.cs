using PortalGrains.Abstractions.Common;

namespace PortalGrains.Abstractions.Teams;

/// <summary>
/// A team of developers that owns applications. The grain owns the members, their roles, the open invitations and the
/// application ids; each member's developer grain keeps the member's team ids and roles, so that authorization reads
/// one grain. A command refused for the caller's role or membership is a user error, and then nothing changed.
/// </summary>
[Alias("PortalGrains.Teams.ITeamGrain")]
public interface ITeamGrain : IGrainWithStringKey
{
    /// <summary>Creates the team with the caller as its first OWNER.</summary>
    [Alias("Create")]
    Task<CommandResult<TeamView>> CreateAsync(string name, Caller caller, CancellationToken cancellationToken = default);

    [Alias("Get")]
    Task<TeamView?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>OWNERs invite by developer id or by e-mail address (exactly one of them); an e-mail invitation is mailed.</summary>
    [Alias("Invite")]
    Task<CommandResult<TeamInvitationView>> InviteAsync(string? developerId, string? email, TeamRole role, Caller caller, CancellationToken cancellationToken = default);

    /// <summary>The developer the invitation names (by id, or by the e-mail claim of their login token) joins the team.</summary>
    [Alias("Accept")]
    Task<CommandResult<TeamView>> AcceptAsync(string invitationId, Caller caller, string? emailClaim, CancellationToken cancellationToken = default);

    [Alias("RevokeInvitation")]
    Task<CommandResult<TeamView>> RevokeInvitationAsync(string invitationId, Caller caller, CancellationToken cancellationToken = default);

    /// <summary>An OWNER removes a member, or a member leaves; the last OWNER can do neither.</summary>
    [Alias("RemoveMember")]
    Task<CommandResult<TeamView>> RemoveMemberAsync(string developerId, Caller caller, CancellationToken cancellationToken = default);

    /// <summary>Records an application as the team's (created for it, or transferred into it).</summary>
    [Alias("AddApplication")]
    Task AddApplicationAsync(string applicationId, Caller caller, CancellationToken cancellationToken = default);
}
