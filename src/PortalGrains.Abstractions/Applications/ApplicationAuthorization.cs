using System.Collections.Immutable;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Developers;
using PortalGrains.Abstractions.Teams;

namespace PortalGrains.Abstractions.Applications;

/// <summary>
/// The one rule for applications, applied by the GraphQL layer and by the grains alike: a personal application
/// belongs to its owner; a team's application to the team's members (OWNERs manage it, MEMBERs use it); admins see
/// and delete every application.
/// </summary>
/// <remarks>
/// The caller's teams are read from the caller's developer grain (<see cref="TeamRolesAsync"/>), the single
/// activation that every team change updates before it is reported done; nothing keeps them beyond one request. So a
/// member removed from a team loses access at the next request on every silo.
/// </remarks>
public static class ApplicationAuthorization
{
    public static ApplicationAccess Decide(Caller caller, ApplicationView application, IReadOnlyDictionary<string, TeamRole> teamRoles)
    {
        if (application.Deleted)
        {
            return ApplicationAccess.None;
        }

        TeamRole? role = application.TeamId is { } teamId && teamRoles.TryGetValue(teamId, out var r) ? r : null;
        var personalOwner = application.TeamId is null && caller.Owns(application.OwnerId);
        var user = personalOwner || role is not null;
        var manager = personalOwner || role == TeamRole.Owner;
        return new ApplicationAccess(
            See: user || caller.IsAdmin,
            ReadSecrets: user,
            Checkout: user,
            Change: manager,
            Delete: manager || caller.IsAdmin);
    }

    /// <summary>Reads the caller's teams only when the application belongs to one.</summary>
    public static async Task<ApplicationAccess> DecideAsync(IGrainFactory grains, Caller caller, ApplicationView application, CancellationToken cancellationToken)
    {
        var teamRoles = application.TeamId is null
            ? ImmutableDictionary<string, TeamRole>.Empty
            : await TeamRolesAsync(grains, caller, cancellationToken);
        return Decide(caller, application, teamRoles);
    }

    /// <summary>The caller's teams and roles, as the caller's developer grain holds them now.</summary>
    public static async Task<IReadOnlyDictionary<string, TeamRole>> TeamRolesAsync(IGrainFactory grains, Caller caller, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(caller.Id)
            ? ImmutableDictionary<string, TeamRole>.Empty
            : await grains.GetGrain<IDeveloperGrain>(caller.Id).GetTeamRolesAsync(cancellationToken);
}
