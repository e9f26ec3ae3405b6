using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Developers;
using PortalGrains.Abstractions.Teams;
using PortalGrains.Grains.Common;
using PortalGrains.Grains.Persistence;
using PortalGrains.Grains.Validation;

namespace PortalGrains.Grains.Developers;

/// <summary>
/// A portal user keyed by the login token's <c>sub</c>. The profile is created on first use from the token's claims;
/// claims fill blanks later but never overwrite what the user entered.
/// </summary>
/// <remarks>
/// The grain owns the counts behind the per-developer limits, so a checkout reserves its slots here before it
/// creates anything: calls to one grain run one at a time, so two concurrent checkouts cannot both take the last
/// slot. Slots are freed lazily: only when a checkout finds the developer at a limit are the applications and pending
/// requests re-read, and deleted applications and requests that left PENDING dropped. A reservation whose checkout
/// never confirmed it is resolved the same way (what was created is kept, the rest dropped) once it is older than
/// <see cref="ReservationTimeout"/> or when the checkout gives up.
/// </remarks>
public sealed class DeveloperGrain(
    [PersistentState("developer")] IPersistentState<DeveloperState> state,
    TimeProvider clock,
    IOptions<PortalLimitsOptions> limits) : Grain, IDeveloperGrain
{
    public static readonly TimeSpan ReservationTimeout = TimeSpan.FromMinutes(2);

    private string Id => this.GetPrimaryKeyString();

    public async Task<DeveloperProfile> GetOrCreateAsync(string? emailClaim, string? nameClaim, CancellationToken cancellationToken = default)
    {
        var email = FromClaim(emailClaim, InputLimits.MaxEmailLength, EmailAddressRules.IsPlausible);
        var name = FromClaim(nameClaim, InputLimits.MaxNameLength, _ => true);
        await state.UpdateAsync(this, s =>
        {
            var changed = EnsureExists(s);
            if (s.Email is null && email is not null)
            {
                s.Email = email;
                changed = true;
            }

            if (s.Name is null && name is not null)
            {
                s.Name = name;
                changed = true;
            }

            return changed;
        }, cancellationToken);
        return Profile();
    }

    public Task<DeveloperProfile?> GetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Exists ? Profile() : null);

    /// <summary>A null field stays as it is; an empty one clears it.</summary>
    public async Task<CommandResult<DeveloperProfile>> UpdateProfileAsync(string? email, string? name, CancellationToken cancellationToken = default)
    {
        var errors = new List<UserError>();
        var newEmail = TextRules.Normalize(email);
        if (newEmail is not null)
        {
            if (newEmail.Length > InputLimits.MaxEmailLength)
            {
                errors.Add(UserError.For(UserErrorCodes.TooLong, $"The e-mail address is longer than {InputLimits.MaxEmailLength} characters.", "input", "email"));
            }
            else if (!EmailAddressRules.IsPlausible(newEmail))
            {
                errors.Add(UserError.For(UserErrorCodes.Invalid, "This is not an e-mail address.", "input", "email"));
            }
        }

        TextRules.Optional(name, InputLimits.MaxNameLength, "The name", errors, "input", "name");
        if (errors.Count > 0)
        {
            return CommandResult<DeveloperProfile>.Failure(errors);
        }

        var newName = TextRules.Normalize(name);
        await state.UpdateAsync(this, s =>
        {
            var changed = EnsureExists(s);
            if (email is not null && s.Email != newEmail)
            {
                s.Email = newEmail;
                changed = true;
            }

            if (name is not null && s.Name != newName)
            {
                s.Name = newName;
                changed = true;
            }

            return changed;
        }, cancellationToken);
        return CommandResult<DeveloperProfile>.Success(Profile());
    }

    public Task AddApplicationAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        return state.UpdateAsync(this, s => EnsureExists(s) | AddOnce(s.ApplicationIds, applicationId), cancellationToken);
    }

    public Task RemoveApplicationAsync(string applicationId, CancellationToken cancellationToken = default) =>
        state.UpdateAsync(this, s => s.ApplicationIds.Remove(applicationId), cancellationToken);

    /// <summary>Records a new (PENDING) request, confirming the reservation of its checkout.</summary>
    public Task AddAccessRequestAsync(string accessRequestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessRequestId);
        return state.UpdateAsync(this, s =>
            EnsureExists(s)
            | s.Reservations.RemoveAll(r => r.AccessRequestId == accessRequestId) > 0
            | AddOnce(s.PendingRequestIds, accessRequestId)
            | AddRequestId(s, accessRequestId), cancellationToken);
    }

    public async Task<UserError?> ReserveCheckoutAsync(string? newApplicationId, string accessRequestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessRequestId);
        if (state.State.Reservations.Exists(r => r.AccessRequestId == accessRequestId))
        {
            return null;
        }

        if (LimitError(state.State, newApplicationId is not null) is not null)
        {
            await PruneAsync(cancellationToken);
        }

        UserError? error = null;
        await state.UpdateAsync(this, s =>
        {
            error = LimitError(s, newApplicationId is not null);
            if (error is not null)
            {
                return false;
            }

            EnsureExists(s);
            s.Reservations.Add(new CheckoutReservation(newApplicationId, accessRequestId, clock.GetUtcNow()));
            return true;
        }, cancellationToken);
        return error;
    }

    public async Task ReleaseCheckoutAsync(string accessRequestId, CancellationToken cancellationToken = default)
    {
        if (state.State.Reservations.Find(r => r.AccessRequestId == accessRequestId) is not { } reservation)
        {
            return;
        }

        var (application, request) = await CreatedAsync(reservation, cancellationToken);
        await state.UpdateAsync(this, s => Resolve(s, reservation, application, request), cancellationToken);
    }

    public Task<ImmutableDictionary<string, TeamRole>> GetTeamRolesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Teams.ToImmutableDictionary(StringComparer.Ordinal));

    public async Task<UserError?> JoinTeamAsync(string teamId, TeamRole role, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        UserError? error = null;
        await state.UpdateAsync(this, s =>
        {
            if (s.Teams.TryGetValue(teamId, out var current))
            {
                s.Teams[teamId] = role;
                return current != role;
            }

            if (s.Teams.Count >= limits.Value.TeamsPerDeveloper)
            {
                error = UserError.For(UserErrorCodes.LimitExceeded,
                    $"A developer may be in at most {limits.Value.TeamsPerDeveloper} teams; leave one first.", "input");
                return false;
            }

            EnsureExists(s);
            s.Teams[teamId] = role;
            return true;
        }, cancellationToken);
        return error;
    }

    public Task LeaveTeamAsync(string teamId, CancellationToken cancellationToken = default) =>
        state.UpdateAsync(this, s => s.Teams.Remove(teamId), cancellationToken);

    private UserError? LimitError(DeveloperState s, bool newApplication)
    {
        var options = limits.Value;
        var applications = s.ApplicationIds.Concat(s.Reservations.Select(r => r.ApplicationId).OfType<string>()).Distinct(StringComparer.Ordinal).Count();
        if (newApplication && applications >= options.ApplicationsPerDeveloper)
        {
            return UserError.For(UserErrorCodes.LimitExceeded,
                $"You have {applications} applications, the most one developer may have ({options.ApplicationsPerDeveloper}); delete one first.",
                "input", "newApplication");
        }

        var pending = s.PendingRequestIds.Concat(s.Reservations.Select(r => r.AccessRequestId)).Distinct(StringComparer.Ordinal).Count();
        if (pending >= options.PendingRequestsPerDeveloper)
        {
            return UserError.For(UserErrorCodes.LimitExceeded,
                $"You have {pending} access requests waiting for a decision, the most one developer may have ({options.PendingRequestsPerDeveloper}); withdraw one or wait for a decision.",
                "input");
        }

        return null;
    }

    /// <summary>Re-reads what the limits count: drops deleted applications, requests no longer PENDING and stale reservations.</summary>
    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var readApplications = state.State.ApplicationIds.ToList();
        var readRequests = state.State.PendingRequestIds.ToList();
        var stale = state.State.Reservations.Where(r => clock.GetUtcNow() - r.At > ReservationTimeout).ToList();
        var applications = await Task.WhenAll(readApplications.Select(id => GrainFactory.GetGrain<IApplicationGrain>(id).GetAsync(cancellationToken)));
        var requests = await Task.WhenAll(readRequests.Select(id => GrainFactory.GetGrain<IAccessRequestGrain>(id).GetAsync(cancellationToken)));
        var created = await Task.WhenAll(stale.Select(r => CreatedAsync(r, cancellationToken)));
        var gone = readApplications.Where((_, i) => !IsLive(applications[i])).ToHashSet(StringComparer.Ordinal);
        var decided = readRequests.Where((_, i) => requests[i] is not { Status: AccessRequestStatus.Pending }).ToHashSet(StringComparer.Ordinal);
        await state.UpdateAsync(this, s =>
        {
            var changed = s.ApplicationIds.RemoveAll(gone.Contains) > 0;
            changed |= s.PendingRequestIds.RemoveAll(decided.Contains) > 0;
            for (var i = 0; i < stale.Count; i++)
            {
                changed |= Resolve(s, stale[i], created[i].Application, created[i].Request);
            }

            return changed;
        }, cancellationToken);
    }

    private async Task<(ApplicationView? Application, AccessRequestView? Request)> CreatedAsync(CheckoutReservation reservation, CancellationToken cancellationToken)
    {
        var application = reservation.ApplicationId is { } applicationId
            ? await GrainFactory.GetGrain<IApplicationGrain>(applicationId).GetAsync(cancellationToken)
            : null;
        var request = await GrainFactory.GetGrain<IAccessRequestGrain>(reservation.AccessRequestId).GetAsync(cancellationToken);
        return (application, request);
    }

    /// <summary>Replaces a reservation by what its checkout created.</summary>
    private bool Resolve(DeveloperState s, CheckoutReservation reservation, ApplicationView? application, AccessRequestView? request)
    {
        if (s.Reservations.RemoveAll(r => r.AccessRequestId == reservation.AccessRequestId) == 0)
        {
            return false;
        }

        if (IsLive(application))
        {
            AddOnce(s.ApplicationIds, application!.Id);
        }

        if (request is not null && request.DeveloperId == Id)
        {
            AddRequestId(s, request.Id);
            if (request.Status == AccessRequestStatus.Pending)
            {
                AddOnce(s.PendingRequestIds, request.Id);
            }
        }

        return true;
    }

    private bool IsLive(ApplicationView? application) => application is { Deleted: false } && application.OwnerId == Id;

    /// <summary>Adds a request id, dropping the oldest ids beyond the cap (never a pending one).</summary>
    private bool AddRequestId(DeveloperState s, string accessRequestId)
    {
        if (!AddOnce(s.AccessRequestIds, accessRequestId))
        {
            return false;
        }

        var excess = s.AccessRequestIds.Count - limits.Value.RequestIdsPerDeveloper;
        for (var i = 0; excess > 0 && i < s.AccessRequestIds.Count;)
        {
            if (s.PendingRequestIds.Contains(s.AccessRequestIds[i]) || s.AccessRequestIds[i] == accessRequestId)
            {
                i++;
                continue;
            }

            s.AccessRequestIds.RemoveAt(i);
            excess--;
        }

        return true;
    }

    private bool EnsureExists(DeveloperState s)
    {
        if (s.Exists)
        {
            return false;
        }

        s.Exists = true;
        s.CreatedAt = clock.GetUtcNow();
        return true;
    }

    private static bool AddOnce(List<string> ids, string id)
    {
        if (ids.Contains(id))
        {
            return false;
        }

        ids.Add(id);
        return true;
    }

    /// <summary>A claim that would not pass as user input is left out rather than stored.</summary>
    private static string? FromClaim(string? claim, int maxLength, Func<string, bool> acceptable) =>
        TextRules.Normalize(claim) is { } value && value.Length <= maxLength && acceptable(value) ? value : null;

    private DeveloperProfile Profile()
    {
        var s = state.State;
        return new DeveloperProfile(this.GetPrimaryKeyString(), s.Email, s.Name, s.CreatedAt, [.. s.ApplicationIds], [.. s.AccessRequestIds]);
    }
}
