using System.Collections.Immutable;
using Orleans.Concurrency;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Teams;

namespace PortalGrains.Abstractions.Developers;

/// <summary>A portal user, keyed by the login token's <c>sub</c>: profile and the ids of what they own.</summary>
[Alias("PortalGrains.Developers.IDeveloperGrain")]
public interface IDeveloperGrain : IGrainWithStringKey
{
    /// <summary>Returns the profile, creating it on first use from the token's email and name claims.</summary>
    [Alias("GetOrCreate")]
    Task<DeveloperProfile> GetOrCreateAsync(string? emailClaim, string? nameClaim, CancellationToken cancellationToken = default);

    [Alias("Get")]
    Task<DeveloperProfile?> GetAsync(CancellationToken cancellationToken = default);

    [Alias("UpdateProfile")]
    Task<CommandResult<DeveloperProfile>> UpdateProfileAsync(string? email, string? name, CancellationToken cancellationToken = default);

    [Alias("AddApplication")]
    Task AddApplicationAsync(string applicationId, CancellationToken cancellationToken = default);

    [Alias("RemoveApplication")]
    Task RemoveApplicationAsync(string applicationId, CancellationToken cancellationToken = default);

    /// <summary>Records a new PENDING request; confirms the reservation of the checkout that created it.</summary>
    [Alias("AddAccessRequest")]
    Task AddAccessRequestAsync(string accessRequestId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reserves the slots of a checkout (a new application when <paramref name="newApplicationId"/> is given, and a
    /// pending request) against the developer's limits: null when reserved (or already reserved), otherwise the
    /// LIMIT_EXCEEDED error, and nothing was reserved.
    /// </summary>
    [Alias("ReserveCheckout")]
    Task<UserError?> ReserveCheckoutAsync(string? newApplicationId, string accessRequestId, CancellationToken cancellationToken = default);

    /// <summary>The checkout stopped: keeps what it created and frees the rest of its reservation.</summary>
    [Alias("ReleaseCheckout")]
    Task ReleaseCheckoutAsync(string accessRequestId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The developer's teams and roles. A read of memory only, so it interleaves with the grain's other calls (an
    /// application grain asking while this grain waits for that application cannot deadlock).
    /// </summary>
    [Alias("GetTeamRoles"), AlwaysInterleave]
    Task<ImmutableDictionary<string, TeamRole>> GetTeamRolesAsync(CancellationToken cancellationToken = default);

    /// <summary>Records membership of a team (or a new role in it); LIMIT_EXCEEDED when the developer is in as many teams as allowed.</summary>
    [Alias("JoinTeam")]
    Task<UserError?> JoinTeamAsync(string teamId, TeamRole role, CancellationToken cancellationToken = default);

    [Alias("LeaveTeam")]
    Task LeaveTeamAsync(string teamId, CancellationToken cancellationToken = default);
}
