using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Developers;
using PortalGrains.Grains.Hosting;
using PortalGrains.Grains.Validation;

namespace PortalGrains.Grains.Developers;

/// <summary>
/// A portal user keyed by the login token's <c>sub</c>. The profile is created on first use from the token's claims;
/// claims fill blanks later but never overwrite what the user entered.
/// </summary>
public sealed class DeveloperGrain(
    [PersistentState("developer")] IPersistentState<DeveloperState> state,
    TimeProvider clock) : Grain, IDeveloperGrain
{
    public async Task<DeveloperProfile> GetOrCreateAsync(string? emailClaim, string? nameClaim, CancellationToken cancellationToken = default)
    {
        var email = FromClaim(emailClaim, EmailAddressRules.MaxLength, EmailAddressRules.IsPlausible);
        var name = FromClaim(nameClaim, TextRules.MaxNameLength, _ => true);
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
            if (newEmail.Length > EmailAddressRules.MaxLength)
            {
                errors.Add(UserError.For(UserErrorCodes.TooLong, $"The e-mail address is longer than {EmailAddressRules.MaxLength} characters.", "input", "email"));
            }
            else if (!EmailAddressRules.IsPlausible(newEmail))
            {
                errors.Add(UserError.For(UserErrorCodes.Invalid, "This is not an e-mail address.", "input", "email"));
            }
        }

        TextRules.Optional(name, TextRules.MaxNameLength, "The name", errors, "input", "name");
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

    public Task AddAccessRequestAsync(string accessRequestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessRequestId);
        return state.UpdateAsync(this, s => EnsureExists(s) | AddOnce(s.AccessRequestIds, accessRequestId), cancellationToken);
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
