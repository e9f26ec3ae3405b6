using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Developers;
using PortalGrains.Abstractions.Notifications;
using PortalGrains.Grains.Audit;
using PortalGrains.Grains.Common;
using PortalGrains.Grains.Notifications;
using PortalGrains.Grains.Provisioning;
using PortalGrains.Grains.Security;
using PortalGrains.Grains.Validation;
using PortalGrains.Grains.Webhooks;
using PortalGrains.Grains.Persistence;

namespace PortalGrains.Grains.Applications;

/// <summary>
/// An application and its clients. Commands change the desired state (grants, redirect URIs, rotation and deletion
/// requests) and then reconcile it with each identity provider (see ApplicationGrain.Reconciliation.cs).
/// </summary>
public sealed partial class ApplicationGrain(
    [PersistentState("application")] IPersistentState<ApplicationState> state,
    IdentityProviderConnector connector,
    ISecretProtector secrets,
    IOptions<ProvisioningOptions> options,
    IOptions<NotificationOptions> notificationOptions,
    IOptions<PortalLimitsOptions> limits,
    TimeProvider clock,
    AuditRecorder audit,
    IndexUpdates indexes,
    ILogger<ApplicationGrain> logger) : Grain, IApplicationGrain
{
    private const string SystemActor = "system";
    private static readonly TimeSpan RotationWindow = TimeSpan.FromHours(1);

    private string Id => this.GetPrimaryKeyString();

    private ApplicationState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ApplicationStateMigration.MoveIntoLinks(S);
        S.Links = ProviderLink.ShareRepeatedText(S.Links);
        ScheduleNextWork();
        await PublishEventsAsync();
        await SyncSearchIndexAsync(cancellationToken);
    }

    public async Task<ApplicationView> CreateAsync(ApplicationDraft draft, CancellationToken cancellationToken = default)
    {
        if (!S.Exists)
        {
            S.Exists = true;
            S.OwnerId = draft.OwnerId;
            S.Name = draft.Name;
            S.Description = draft.Description;
            S.RedirectUris = [.. draft.RedirectUris];
            (S.JwksUri, S.TlsClientAuthSubjectDn) = (draft.Keys?.JwksUri, draft.Keys?.TlsClientAuthSubjectDn);
            S.TeamId = draft.TeamId;
            S.CreatedAt = clock.GetUtcNow();
            S.StagedWebhookEvents.Add(WebhookEvents.ApplicationCreated(View(), S.CreatedAt));
            await PersistAsync(cancellationToken);
            await PublishEventsAsync();
            await SyncSearchIndexAsync(cancellationToken);
        }

        return View();
    }

    public Task<ApplicationView?> GetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(S.Exists ? View() : null);

    public Task<ImmutableArray<OAuthCredentialsView>> GetCredentialsAsync(bool includeSecrets, CancellationToken cancellationToken = default)
    {
        if (!S.Exists || S.Deleted)
        {
            return Task.FromResult(ImmutableArray<OAuthCredentialsView>.Empty);
        }

        var credentials = CurrentClients().Select(entry => new OAuthCredentialsView(
            entry.ProviderId,
            entry.Client.Issuer,
            entry.Client.ClientId,
            includeSecrets && entry.Client.ProtectedClientSecret is { } secret ? secrets.Unprotect(secret) : null,
            entry.Client.TokenEndpoint,
            [.. entry.Client.Metadata.Scopes],
            [.. entry.Client.Metadata.GrantTypes],
            entry.Client.Metadata.TokenEndpointAuthMethod ?? "client_secret_basic",
            entry.Client.IssuedAt,
            entry.Client.SecretExpiresAt));
        return Task.FromResult(credentials.OrderBy(c => c.ProviderId, StringComparer.Ordinal).ToImmutableArray());
    }

    public Task<UserError?> CheckGrantAsync(string providerId, string clientTypeId, CancellationToken cancellationToken = default)
    {
        if (!S.Exists || S.Deleted)
        {
            return Task.FromResult<UserError?>(UserError.For(UserErrorCodes.NotFound, "No such application.", "input", "applicationId"));
        }

        var existingType = ClientAt(providerId) is { } client
            ? client.ClientTypeId
            : S.Grants.Values.FirstOrDefault(g => g.ProviderId == providerId)?.ClientTypeId;
        // an imported client has no client type until its first grant
        return Task.FromResult(existingType is { Length: > 0 } && existingType != clientTypeId
            ? UserError.For(UserErrorCodes.ClientTypeMismatch,
                $"The application already has a client of type '{existingType}' at this provider; request this product with that client type or use another application.",
                "input", "clientTypeId")
            : null);
    }

    public async Task AttachAccessRequestAsync(
        string accessRequestId, ImmutableArray<string>? redirectUris, ClientKeys? keys = null, CancellationToken cancellationToken = default)
    {
        var changed = false;
        if (!S.AccessRequestIds.Contains(accessRequestId))
        {
            S.AccessRequestIds.Add(accessRequestId);
            changed = true;
        }

        if (redirectUris is { IsDefaultOrEmpty: false } uris && !uris.SequenceEqual(S.RedirectUris))
        {
            S.RedirectUris = [.. uris];
            changed = true;
        }

        if (keys is not null && ApplyKeys(keys))
        {
            changed = true;
        }

        if (changed)
        {
            await PersistAsync(cancellationToken);
        }
    }

    public async Task<ProvisioningOutcome> GrantAsync(AccessGrant grant, CancellationToken cancellationToken = default)
    {
        if (!S.Exists || S.Deleted)
        {
            return Outcome(grant.AccessRequestId, ProvisioningState.Failed, "The application was deleted.", "The application was deleted.", null);
        }

        _actor = grant.Actor ?? SystemActor;
        if (!S.Grants.TryGetValue(grant.AccessRequestId, out var record))
        {
            record = new GrantRecord
            {
                AccessRequestId = grant.AccessRequestId,
                ProviderId = grant.ProviderId,
                ClientTypeId = grant.ClientTypeId,
                Scopes = [.. grant.Scopes],
            };
            S.Grants[grant.AccessRequestId] = record;
            S.Removed.Remove(grant.AccessRequestId);
            // stored by the reconciliation below: with the intent of its first operation, or with its outcome
            MarkChanged();
        }
        else if (record.LastOutcome is { State: ProvisioningState.Active })
        {
            return record.LastOutcome;
        }

        await ReconcileAsync(grant.ProviderId, cancellationToken);
        return S.Grants.TryGetValue(grant.AccessRequestId, out var settled) && settled.LastOutcome is { } outcome
            ? outcome
            : Outcome(grant.AccessRequestId, ProvisioningState.Retrying, null, null, null);
    }

    public async Task<ProvisioningOutcome> RevokeGrantAsync(string accessRequestId, string? actor = null, CancellationToken cancellationToken = default)
    {
        _actor = actor ?? SystemActor;
        if (!S.Grants.Remove(accessRequestId, out var record))
        {
            return Outcome(accessRequestId, ProvisioningState.Removed, null, null, null);
        }

        S.Removed[accessRequestId] = record;
        await PersistAsync(cancellationToken);
        await ReconcileAsync(record.ProviderId, cancellationToken);
        return S.Removed.ContainsKey(accessRequestId)
            ? Outcome(accessRequestId, ProvisioningState.Retrying, null, null, null)
            : Outcome(accessRequestId, ProvisioningState.Removed, null, null, null);
    }

    public async Task<CommandResult<ApplicationView>> UpdateAsync(ApplicationUpdate update, Caller caller, CancellationToken cancellationToken = default)
    {
        if (!(await AccessOfAsync(caller, cancellationToken)).Change)
        {
            return CommandResult<ApplicationView>.Failure(UserError.For(UserErrorCodes.NotFound, "No such application.", "input", "id"));
        }

        var errors = new List<UserError>();
        var name = update.Name is null ? S.Name : TextRules.Normalize(update.Name);
        if (name is null || name.Length > InputLimits.MaxNameLength)
        {
            errors.Add(UserError.For(UserErrorCodes.Invalid, $"The name is 1 to {InputLimits.MaxNameLength} characters.", "input", "name"));
        }

        if (update.Description is { Length: > InputLimits.MaxDescriptionLength })
        {
            errors.Add(UserError.For(UserErrorCodes.TooLong, $"The description is at most {InputLimits.MaxDescriptionLength} characters.", "input", "description"));
        }

        var redirectUris = update.RedirectUris ?? [.. S.RedirectUris];
        if (update.RedirectUris is { } given)
        {
            errors.AddRange(RedirectUriValidator.Validate(given));
            if (given.IsEmpty && S.Grants.Count > 0 && await AnyGrantUsesRedirectsAsync(cancellationToken))
            {
                errors.Add(UserError.For(UserErrorCodes.Required,
                    "The application's client type uses redirects: keep at least one redirect URI.", "input", "redirectUris"));
            }
        }

        if (update.Keys is { } keys)
        {
            ClientKeyRules.Validate(keys, errors);
        }

        if (errors.Count > 0)
        {
            return CommandResult<ApplicationView>.Failure(errors);
        }

        _actor = caller.Id;
        var previous = (S.Name, S.Description, RedirectUris: S.RedirectUris.ToList(), Keys: Keys());
        S.Name = name!;
        S.Description = update.Description ?? S.Description;
        S.RedirectUris = [.. redirectUris];
        if (update.Keys is { } changedKeys)
        {
            ApplyKeys(changedKeys);
        }

        await PersistAsync(cancellationToken);
        await SyncSearchIndexAsync(cancellationToken);

        foreach (var providerId in CurrentClients().Select(c => c.ProviderId).ToList())
        {
            if (await ReconcileAsync(providerId, cancellationToken) is { Kind: IdentityProviders.Errors.IdentityProviderErrorKind.Permanent } failure)
            {
                // The identity provider refused the change: the application goes back to what the IdP still holds.
                (S.Name, S.Description, S.RedirectUris) = (previous.Name, previous.Description, previous.RedirectUris);
                (S.JwksUri, S.TlsClientAuthSubjectDn) = (previous.Keys.JwksUri, previous.Keys.TlsClientAuthSubjectDn);
                await PersistAsync(cancellationToken);
                await ReconcileAsync(providerId, cancellationToken);
                return CommandResult<ApplicationView>.Failure(UserError.For(UserErrorCodes.ProviderRejected,
                    failure.DeveloperMessage, "input", "redirectUris"));
            }
        }

        return CommandResult<ApplicationView>.Success(View());
    }

    public async Task<CommandResult<ApplicationView>> RotateSecretAsync(string providerId, TimeSpan gracePeriod, Caller caller, CancellationToken cancellationToken = default)
    {
        if (!(await AccessOfAsync(caller, cancellationToken)).Change)
        {
            return CommandResult<ApplicationView>.Failure(UserError.For(UserErrorCodes.NotFound, "No such application.", "input", "applicationId"));
        }

        if (ClientAt(providerId) is null)
        {
            return CommandResult<ApplicationView>.Failure(UserError.For(UserErrorCodes.NotFound,
                "The application holds no client at this provider.", "input", "providerId"));
        }

        if (gracePeriod < TimeSpan.Zero || gracePeriod > InputLimits.MaxGracePeriod)
        {
            return CommandResult<ApplicationView>.Failure(UserError.For(UserErrorCodes.Invalid,
                "The grace period is between 0 and 7 days.", "input", "gracePeriodSeconds"));
        }

        if (AdmitRotationRequest() is { } limited)
        {
            return CommandResult<ApplicationView>.Failure(limited);
        }

        _actor = caller.Id;
        Link(providerId).RotationRequest = gracePeriod;
        await PersistAsync(cancellationToken);
        var failure = await ReconcileAsync(providerId, cancellationToken);
        if (S.Links.GetValueOrDefault(providerId) is not { RotationRequest: not null, Retry: { } retry })
        {
            return CommandResult<ApplicationView>.Success(View());
        }

        // The identity provider's own error (addresses, exception text) is for admins; developers get a reference to quote.
        var message = $"The identity provider could not rotate the secret now; it is retried in the background {FailureReference.Of(failure?.Reference ?? "none")}.";
        return CommandResult<ApplicationView>.Failure(UserError.For(UserErrorCodes.ProviderUnavailable,
            caller.IsAdmin ? $"{message} {retry.LastError}" : message));
    }

    /// <summary>
    /// Counts a caller's rotation against <see cref="PortalLimitsOptions.SecretRotationsPerHour"/> over the last hour
    /// (a sliding window); the error when the limit is reached, and then nothing is changed.
    /// </summary>
    private UserError? AdmitRotationRequest()
    {
        var now = clock.GetUtcNow();
        var limit = limits.Value.SecretRotationsPerHour;
        var recent = S.RecentRotationRequests.Where(t => t > now - RotationWindow).TakeLast(limit).ToList();
        if (recent.Count >= limit)
        {
            return UserError.For(UserErrorCodes.LimitExceeded,
                $"An application's client secrets can be rotated at most {limit} times in an hour; try again after {recent[0] + RotationWindow:u}.",
                "input", "applicationId");
        }

        recent.Add(now);
        S.RecentRotationRequests = recent;
        return null;
    }

    public async Task<CommandResult<string>> DeleteAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        if (!(await AccessOfAsync(caller, cancellationToken)).Delete)
        {
            return CommandResult<string>.Failure(UserError.For(UserErrorCodes.NotFound, "No such application.", "input", "id"));
        }

        _actor = caller.Id;
        S.Deleted = true;
        foreach (var (requestId, record) in S.Grants)
        {
            S.Removed[requestId] = record;
        }

        S.Grants.Clear();
        foreach (var link in S.Links.Values)
        {
            link.RotationRequest = null;
        }

        S.StagedWebhookEvents.Add(WebhookEvents.ApplicationDeleted(View(), clock.GetUtcNow()));
        await PersistAsync(cancellationToken);
        await PublishEventsAsync();
        await SyncSearchIndexAsync(cancellationToken);
        foreach (var providerId in CurrentClients().Select(c => c.ProviderId).Concat(S.Removed.Values.Select(r => r.ProviderId)).Distinct().ToList())
        {
            await ReconcileAsync(providerId, cancellationToken);
        }

        return CommandResult<string>.Success(Id);
    }

    /// <summary>
    /// Moves a personal application into a team; its clients stay as they are. The caller changes the application and
    /// is an OWNER of the team, or is an admin; the team records the application first.
    /// </summary>
    public async Task<CommandResult<ApplicationView>> TransferAsync(string teamId, Caller caller, CancellationToken cancellationToken = default)
    {
        var access = await AccessOfAsync(caller, cancellationToken);
        if (!access.See)
        {
            return CommandResult<ApplicationView>.Failure(UserError.For(UserErrorCodes.NotFound, "No such application.", "input", "applicationId"));
        }

        if (S.TeamId is not null || !(access.Change || caller.IsAdmin))
        {
            return CommandResult<ApplicationView>.Failure(UserError.For(UserErrorCodes.Forbidden,
                S.TeamId is null ? "Only the application's owner transfers it." : "The application belongs to a team already.", "input", "applicationId"));
        }

        var team = GrainFactory.GetGrain<Abstractions.Teams.ITeamGrain>(teamId);
        var roles = await ApplicationAuthorization.TeamRolesAsync(GrainFactory, caller, cancellationToken);
        if (await team.GetAsync(cancellationToken) is null
            || !(caller.IsAdmin || roles.TryGetValue(teamId, out var role) && role == Abstractions.Teams.TeamRole.Owner))
        {
            return CommandResult<ApplicationView>.Failure(UserError.For(UserErrorCodes.NotFound, "No team you are an OWNER of has this id.", "input", "teamId"));
        }

        await team.AddApplicationAsync(Id, caller, cancellationToken);
        S.TeamId = teamId;
        await PersistAsync(cancellationToken);
        await SyncSearchIndexAsync(cancellationToken);
        return CommandResult<ApplicationView>.Success(View());
    }

    public Task<ImmutableArray<IdentityProviderOperationRecord>> GetOperationsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(S.Operations.AsEnumerable().Reverse().ToImmutableArray());

    public async Task ResumeAsync(CancellationToken cancellationToken = default)
    {
        _actor = SystemActor;
        if (!S.Exists)
        {
            await ListPendingAsync(null);
        }
        else if (HasPendingWork())
        {
            await RunDueWorkAsync(cancellationToken);
        }
        else
        {
            // woken by the pending index with nothing due: the listing goes, whatever the state remembers of it
            await ListPendingAsync(null);
            if (S.ListedDueAt is not null)
            {
                S.ListedDueAt = null;
                await PersistAsync(cancellationToken);
            }
        }
    }

    private async Task<bool> AnyGrantUsesRedirectsAsync(CancellationToken cancellationToken)
    {
        foreach (var providerId in S.Grants.Values.Select(g => g.ProviderId).Distinct())
        {
            var provider = await GrainFactory.GetGrain<Abstractions.Providers.IProviderGrain>(providerId).GetConnectionAsync(cancellationToken);
            if (S.Grants.Values.Any(g => g.ProviderId == providerId && provider?.Provider.FindClientType(g.ClientTypeId) is { UsesRedirects: true }))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>E-mails the owner after an expiring secret was rotated; a failure here never undoes the rotation.</summary>
    private async Task NotifySecretRotatedAsync(Abstractions.Providers.ProviderView provider, ObservedClient client, DateTimeOffset? previousSecretExpiresAt)
    {
        try
        {
            var developer = await GrainFactory.GetGrain<IDeveloperGrain>(S.OwnerId).GetAsync(CancellationToken.None);
            if (developer?.Email is not { } email)
            {
                return;
            }

            var message = SecretRotationEmailComposer.Compose(
                Id, S.Name, provider.Name, client.ClientId, previousSecretExpiresAt, email, notificationOptions.Value, clock.GetUtcNow());
            await GrainFactory.OutboxFor(message).EnqueueAsync(message, CancellationToken.None);
        }
        catch (Exception e)
        {
            ApplicationGrainLog.NotificationFailed(logger, e, Id);
        }
    }

    private Task PublishEventsAsync() => state.PublishAsync(this, GrainFactory, s => s.StagedWebhookEvents, logger);

    private ApplicationView View() => new(
        Id, S.OwnerId, S.Name, S.Description, [.. S.RedirectUris], [.. S.AccessRequestIds], S.CreatedAt, S.Deleted, Keys(), S.TeamId);

    private ClientKeys Keys() => new(S.JwksUri, S.TlsClientAuthSubjectDn);

    /// <summary>Takes in the keys given (null stays, empty removes); true when something changed.</summary>
    private bool ApplyKeys(ClientKeys keys)
    {
        var jwksUri = keys.JwksUri is null ? S.JwksUri : TextRules.Normalize(keys.JwksUri);
        var subjectDn = keys.TlsClientAuthSubjectDn is null ? S.TlsClientAuthSubjectDn : TextRules.Normalize(keys.TlsClientAuthSubjectDn);
        if (jwksUri == S.JwksUri && subjectDn == S.TlsClientAuthSubjectDn)
        {
            return false;
        }

        (S.JwksUri, S.TlsClientAuthSubjectDn) = (jwksUri, subjectDn);
        return true;
    }

    private async Task<ApplicationAccess> AccessOfAsync(Caller caller, CancellationToken cancellationToken) =>
        S.Exists ? await ApplicationAuthorization.DecideAsync(GrainFactory, caller, View(), cancellationToken) : ApplicationAccess.None;

    private ProvisioningOutcome Outcome(string accessRequestId, ProvisioningState outcomeState, string? developerMessage, string? adminDetail, string? correlationId) =>
        new(accessRequestId, outcomeState, developerMessage, adminDetail, correlationId, clock.GetUtcNow());
}
