using PortalGrains.Abstractions.Common;

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

    [Alias("AddAccessRequest")]
    Task AddAccessRequestAsync(string accessRequestId, CancellationToken cancellationToken = default);
}
