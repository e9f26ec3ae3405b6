using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Developers;
using PortalGrains.Abstractions.Providers;
using PortalGrains.Abstractions.Teams;
using PortalGrains.GraphQL.Auth;
using PortalGrains.GraphQL.Errors;

namespace PortalGrains.GraphQL.Execution;

/// <summary>
/// The user context of one GraphQL request: who asks, and reads memoized for the request so that a field resolved
/// for many parents (the application of each access request, the provider of each product) calls each grain once,
/// and the catalogue is read once, from this silo's copy.
/// </summary>
public sealed class PortalUserContext : Dictionary<string, object?>
{
    private readonly ConcurrentDictionary<string, Task<ApplicationView?>> _applications = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<AccessRequestView?>> _accessRequests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<ProviderView?>> _providers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<TeamView?>> _teams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<DeveloperProfile?>> _developers = new(StringComparer.Ordinal);
    private Task<IReadOnlyDictionary<string, TeamRole>>? _teamRoles;
    private Task<CatalogSnapshot>? _catalog;
    private ConcurrentDictionary<string, ValueTask<ProviderView?>>? _catalogProviders;
    private Task<DeveloperProfile>? _profile;

    public PortalUserContext(PortalUser? user, IServiceProvider services, CancellationToken cancellationToken)
    {
        User = user;
        Services = services;
        CancellationToken = cancellationToken;
    }

    /// <summary>The authenticated caller, or null for an anonymous request.</summary>
    public PortalUser? User { get; }

    public IServiceProvider Services { get; }

    public CancellationToken CancellationToken { get; }

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public bool IsAdmin => User is { IsAdmin: true };

    /// <summary>The caller, or an <c>UNAUTHENTICATED</c> error.</summary>
    public PortalUser RequireUser() => User ?? throw PortalExecutionError.Unauthenticated();

    /// <summary>An admin caller, or <c>UNAUTHENTICATED</c> (no token) / <c>FORBIDDEN</c> (not an admin).</summary>
    public PortalUser RequireAdmin()
    {
        var user = RequireUser();
        return user.IsAdmin ? user : throw PortalExecutionError.Forbidden();
    }

    public Caller RequireCaller() => RequireUser().ToCaller();

    public bool MaySee(string ownerId) => User?.MaySee(ownerId) ?? false;

    /// <summary>
    /// The catalogue, read once per request from this silo's copy: completed at once (no task to await) when the copy
    /// is fresh, which is how the catalogue's fields resolve synchronously.
    /// </summary>
    public ValueTask<CatalogSnapshot> GetCatalogAsync()
    {
        var read = Volatile.Read(ref _catalog) ?? Interlocked.CompareExchange(ref _catalog, ReadCatalog(), null) ?? _catalog;
        return read.IsCompletedSuccessfully ? new ValueTask<CatalogSnapshot>(read.Result) : new ValueTask<CatalogSnapshot>(read);
    }

    private Task<CatalogSnapshot> ReadCatalog()
    {
        var read = Services.GetRequiredService<ICatalogReader>().GetAsync(CancellationToken);
        return read.IsCompletedSuccessfully ? Task.FromResult(read.Result) : read.AsTask();
    }

    /// <summary>The developer profile of the caller, created on first use from the token's email and name claims.</summary>
    public Task<DeveloperProfile> GetOrCreateProfileAsync()
    {
        var user = RequireUser();
        return _profile ??= Grains.GetGrain<IDeveloperGrain>(user.Id).GetOrCreateAsync(user.Email, user.Name, CancellationToken);
    }

    public void RememberProfile(DeveloperProfile profile) => _profile = Task.FromResult(profile);

    public Task<ApplicationView?> GetApplicationAsync(string id) =>
        _applications.GetOrAdd(id, key => Grains.GetGrain<IApplicationGrain>(key).GetAsync(CancellationToken));

    /// <summary>The application when it exists, is not deleted and the caller may see it (<see cref="ApplicationAuthorization"/>); otherwise null.</summary>
    public async Task<ApplicationView?> GetVisibleApplicationAsync(string id)
    {
        if (User is null)
        {
            return null;
        }

        var application = await GetApplicationAsync(id);
        return application is not null && (await GetAccessAsync(application)).See ? application : null;
    }

    /// <summary>What the caller may do with <paramref name="application"/>; the caller's teams are read once per request.</summary>
    public async Task<ApplicationAccess> GetAccessAsync(ApplicationView application)
    {
        if (User is null)
        {
            return ApplicationAccess.None;
        }

        var teamRoles = application.TeamId is null ? ImmutableDictionary<string, TeamRole>.Empty : await GetTeamRolesAsync();
        return ApplicationAuthorization.Decide(User.ToCaller(), application, teamRoles);
    }

    /// <summary>
    /// The caller's teams and roles, read from the caller's developer grain once per request and never kept longer, so
    /// that a removal from a team is in force at the next request on every silo.
    /// </summary>
    public Task<IReadOnlyDictionary<string, TeamRole>> GetTeamRolesAsync()
    {
        ReadTeamMembership = true;
        return _teamRoles ??= ApplicationAuthorization.TeamRolesAsync(Grains, RequireCaller(), CancellationToken);
    }

    /// <summary>Whether the answer depends on the caller's teams: such an answer is never kept for a later request.</summary>
    public bool ReadTeamMembership { get; private set; }

    /// <summary>Forgets the caller's teams after a mutation changed them.</summary>
    public void ForgetTeamRoles() => _teamRoles = null;

    public Task<TeamView?> GetTeamAsync(string id) =>
        _teams.GetOrAdd(id, key => Grains.GetGrain<ITeamGrain>(key).GetAsync(CancellationToken));

    public void Remember(TeamView team) => _teams[team.Id] = Task.FromResult<TeamView?>(team);

    /// <summary>The team when the caller is a member or an admin; otherwise null.</summary>
    public async Task<TeamView?> GetVisibleTeamAsync(string id)
    {
        if (User is null)
        {
            return null;
        }

        var team = await GetTeamAsync(id);
        return team is not null && (IsAdmin || await IsMemberAsync(team.Id)) ? team : null;
    }

    public async Task<TeamRole?> GetTeamRoleAsync(string teamId) =>
        (await GetTeamRolesAsync()).TryGetValue(teamId, out var role) ? role : null;

    private async Task<bool> IsMemberAsync(string teamId) => await GetTeamRoleAsync(teamId) is not null;

    /// <summary>Another developer's profile (for the members of a team), read once per request.</summary>
    public Task<DeveloperProfile?> GetDeveloperAsync(string id) =>
        _developers.GetOrAdd(id, key => Grains.GetGrain<IDeveloperGrain>(key).GetAsync(CancellationToken));

    public void Remember(ApplicationView application) => _applications[application.Id] = Task.FromResult<ApplicationView?>(application);

    public void ForgetApplication(string id) => _applications.TryRemove(id, out _);

    public Task<AccessRequestView?> GetAccessRequestAsync(string id) =>
        _accessRequests.GetOrAdd(id, key => Grains.GetGrain<IAccessRequestGrain>(key).GetAsync(CancellationToken));

    /// <summary>
    /// The access request when it exists and the caller is an admin, may see its application, or is its developer (unless
    /// the application is a team's the developer left); otherwise null.
    /// </summary>
    public async Task<AccessRequestView?> GetVisibleAccessRequestAsync(string id)
    {
        if (User is null)
        {
            return null;
        }

        var request = await GetAccessRequestAsync(id);
        if (request is null)
        {
            return null;
        }

        if (IsAdmin || await GetVisibleApplicationAsync(request.ApplicationId) is not null)
        {
            return request;
        }

        // The developer's own requests stay readable, except those for a team's application once they left the team.
        var application = await GetApplicationAsync(request.ApplicationId);
        return MaySee(request.DeveloperId) && application is not { Deleted: false, TeamId: not null } ? request : null;
    }

    /// <summary>The visible access requests among <paramref name="ids"/>, in order, read in parallel.</summary>
    public async Task<IReadOnlyList<AccessRequestView>> GetVisibleAccessRequestsAsync(IEnumerable<string> ids)
    {
        var requests = await Task.WhenAll(ids.Distinct(StringComparer.Ordinal).Select(GetVisibleAccessRequestAsync));
        return [.. requests.OfType<AccessRequestView>()];
    }

    public void Remember(AccessRequestView request) => _accessRequests[request.Id] = Task.FromResult<AccessRequestView?>(request);

    /// <summary>
    /// The provider of a catalogue product, for the client types it shows: from this silo's copy
    /// (<see cref="CatalogProviderCache"/>), without a grain call while the copy is fresh, and read once per request;
    /// admins read the provider grain.
    /// </summary>
    public ValueTask<ProviderView?> GetCatalogProviderAsync(string id)
    {
        if (IsAdmin)
        {
            return new ValueTask<ProviderView?>(GetProviderAsync(id));
        }

        // Held as results or tasks (never a value task source), so each may be awaited by every product of the provider.
        var known = Volatile.Read(ref _catalogProviders)
            ?? Interlocked.CompareExchange(ref _catalogProviders, new(StringComparer.Ordinal), null)
            ?? _catalogProviders;
        return known.TryGetValue(id, out var read)
            ? read
            : known.GetOrAdd(id, Services.GetRequiredService<CatalogProviderCache>().GetAsync(id, CancellationToken));
    }

    public Task<ProviderView?> GetProviderAsync(string id) =>
        _providers.GetOrAdd(id, key => Grains.GetGrain<IProviderGrain>(key).GetAsync(CancellationToken));

    public void Remember(ProviderView provider) => _providers[provider.Id] = Task.FromResult<ProviderView?>(provider);
}
