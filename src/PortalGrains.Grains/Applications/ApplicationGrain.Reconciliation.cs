using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Persistence;
using PortalGrains.Grains.Provisioning;
using PortalGrains.Grains.Webhooks;
using PortalGrains.IdentityProviders.Discovery;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Applications;

/// <summary>
/// Reconciliation: compare the desired state of one provider (the scope union of the grants, the client type,
/// the redirect URIs, rotation and deletion requests) with the client the identity provider holds, and perform one
/// operation per step, each journaled before it is sent and settled after it.
/// </summary>
partial class ApplicationGrain
{
    private IGrainTimer? _workTimer;

    /// <summary>Who caused the work being done now (the command's caller, or "system" for background work).</summary>
    private string _actor = "system";

    private bool HasPendingWork() => NextDueAt() is not null;

    /// <summary>When the next identity provider work is due: retries, clean-up, rotations of expiring secrets; null when there is none.</summary>
    private DateTimeOffset? NextDueAt()
    {
        var now = clock.GetUtcNow();
        var reconciler = Reconciler;
        return ProvidersWithWork()
            .Select(p => reconciler.NextDueAt(S.Links.GetValueOrDefault(p) ?? new ProviderLink(), HasGrantsAt(p), HasRemovedGrantsAt(p), now))
            .Min();
    }

    /// <summary>The providers the application has a link with or grants to remove at.</summary>
    private IEnumerable<string> ProvidersWithWork() =>
        S.Links.Keys.Concat(S.Removed.Values.Select(r => r.ProviderId)).Distinct(StringComparer.Ordinal);

    private bool HasGrantsAt(string providerId) => S.Grants.Values.Any(g => g.ProviderId == providerId);

    private bool HasRemovedGrantsAt(string providerId) => S.Removed.Values.Any(r => r.ProviderId == providerId);

    /// <returns>The failure that stopped it, or null when the identity provider holds what is wanted.</returns>
    private async Task<Failure?> ReconcileAsync(string providerId, CancellationToken cancellationToken)
    {
        var correlationId = Guid.NewGuid().ToString("N")[..12];
        Failure? failure = null;
        var connection = await GrainFactory.GetGrain<IProviderGrain>(providerId).GetConnectionAsync(cancellationToken);
        if (connection is null)
        {
            failure = new Failure(IdentityProviderErrorKind.Permanent,
                "The identity provider of this product is no longer configured.",
                $"Provider {providerId} does not exist.");
        }
        else
        {
            failure = await RunStepsAsync(connection, correlationId, cancellationToken);
        }

        failure = Settle(providerId, failure, correlationId);
        DeferDueUnsettledSearch(providerId, failure?.AdminDetail);
        var reports = TakeReports();
        try
        {
            await PersistChangesAsync(cancellationToken);
        }
        catch (IdentityProviderException e)
        {
            // The registration's outcome could not be stored, and the client was deleted again: it is retried.
            Record(IdentityProviderOperationKind.Register, providerId, null, "failed", e.AdminDetail, correlationId);
            failure = Settle(providerId, new Failure(e.Kind, e.DeveloperMessage, e.AdminDetail), correlationId);
            reports = TakeReports();
            await PersistChangesAsync(cancellationToken);
        }

        SendReports(reports);
        await SyncSearchIndexAsync(cancellationToken);
        ScheduleNextWork();
        return failure is null ? null : failure with { Reference = correlationId };
    }

    private static bool IsSiloGone(Exception e) => e is SiloUnavailableException or OrleansMessageRejectionException;

    private async Task<Failure?> RunStepsAsync(ProviderConnectionSettings connection, string correlationId, CancellationToken cancellationToken)
    {
        var providerId = connection.Provider.Id;
        var operation = IdentityProviderOperationKind.Register;
        try
        {
            ResolveUnsettledOperation(providerId);
            var driver = connector.DriverFor(connection.Provider);
            using var idp = await connector.ConnectAsync(connection, cancellationToken);
            var canSearch = driver is ITaggedClientSearch;
            if (!canSearch)
            {
                StopUnsettledSearchWithoutDriverSupport(providerId);
            }

            for (var step = 0; step < options.Value.MaxStepsPerReconciliation; step++)
            {
                if (NextStep(connection.Provider, canSearch) is not { } next)
                {
                    return null;
                }

                operation = next switch
                {
                    ProviderStep.Register => IdentityProviderOperationKind.Register,
                    ProviderStep.Delete or ProviderStep.DeleteOrphan or ProviderStep.SearchUnsettledRegistrations => IdentityProviderOperationKind.Delete,
                    ProviderStep.Rotate => IdentityProviderOperationKind.RotateSecret,
                    _ => IdentityProviderOperationKind.Update,
                };
                await PerformAsync(next, driver, idp, connection, correlationId, cancellationToken);
            }

            return NextStep(connection.Provider, canSearch) is null
                ? null
                : new Failure(IdentityProviderErrorKind.Transient, "Provisioning is still in progress.",
                    $"The client did not reach the desired state in {options.Value.MaxStepsPerReconciliation} operations; continuing later.");
        }
        catch (IdentityProviderException e)
        {
            // e.ClientId: a client the identity provider holds that the portal cannot manage (its admin detail says why)
            Record(operation, providerId, e.ClientId ?? ClientAt(providerId)?.ClientId,
                e.Kind == IdentityProviderErrorKind.Uncertain ? "uncertain" : "failed", e.AdminDetail, correlationId);
            if (e.Kind == IdentityProviderErrorKind.Uncertain && operation == IdentityProviderOperationKind.Register)
            {
                // The identity provider may hold a client the portal never learned of (tagged with this application).
                AddUnsettledRegistration(providerId, correlationId, clock.GetUtcNow());
            }
            ApplicationGrainLog.OperationFailed(logger, Id, operation, providerId, e.Kind.ToString(), e.AdminDetail, correlationId);
            return new Failure(e.Kind, e.DeveloperMessage, e.AdminDetail);
        }
        catch (IdentityProviderMetadataException e)
        {
            ApplicationGrainLog.OperationFailed(logger, Id, operation, providerId, "Discovery", e.Message, correlationId);
            return new Failure(e.ErrorKind, e.DeveloperMessage, e.Message);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            ApplicationGrainLog.OperationFailed(logger, Id, operation, providerId, "Transport", e.GetType().Name, correlationId);
            return new Failure(IdentityProviderErrorKind.Transient, "The identity provider is not reachable right now.", $"{e.GetType().Name}: {e.Message}");
        }
        catch (Exception e) when (IsSiloGone(e))
        {
            // A grain this step calls (the pending index before an IdP call, the client ownership after one) was on a
            // silo that stopped: the journal says where the step stands, and the next attempt finds the grain elsewhere.
            ApplicationGrainLog.OperationFailed(logger, Id, operation, providerId, "Cluster", e.GetType().Name, correlationId);
            return new Failure(IdentityProviderErrorKind.Transient, "Provisioning is still in progress.", $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>An operation journaled before a crash: its effect is unknown, so make the next steps find out or redo it.</summary>
    private void ResolveUnsettledOperation(string providerId)
    {
        if (S.Links.GetValueOrDefault(providerId) is not { Journal: { } entry } link)
        {
            return;
        }

        link.Journal = null;
        MarkChanged();

        ApplicationGrainLog.UnsettledOperation(logger, Id, entry.Kind, providerId, entry.StartedAt, entry.OperationId);
        switch (entry.Kind)
        {
            case IdentityProviderOperationKind.Register:
                // The identity provider may hold a client the portal never learned the id of; it is tagged with the
                // application id (software_id, client name) and recorded here for clean-up.
                AddUnsettledRegistration(providerId, entry.OperationId, entry.StartedAt);
                Record(entry.Kind, providerId, null, "uncertain",
                    $"The silo stopped during this registration (operation {entry.OperationId} at {entry.StartedAt:O}); the identity provider may hold a client tagged with this application that the portal does not know.",
                    entry.OperationId);
                break;
            case IdentityProviderOperationKind.Update or IdentityProviderOperationKind.RotateSecret
                when link.Client is { } client:
                client.NeedsRecovery = $"{entry.Kind} {entry.OperationId} was not settled";
                break;
        }
    }

    /// <param name="canSearch">The provider's driver can search for the application's clients (<see cref="ITaggedClientSearch"/>).</param>
    private ProviderStep? NextStep(ProviderView provider, bool canSearch)
    {
        var link = Link(provider.Id);
        if (link.Orphans.Count > 0 || link.RotationRequest is not null || link.Client is { AwaitingFirstGrant: true })
        {
            // the reconciler may end grace periods, drop the rotation request or type the imported client
            MarkChanged();
        }

        return Reconciler.NextStep(Desired(provider), link, canSearch, clock.GetUtcNow());
    }

    /// <summary>Lists the application in the pending-work index as due at <paramref name="dueAt"/>, or (null) takes it out.</summary>
    private Task ListPendingAsync(DateTimeOffset? dueAt) => indexes.ChangePendingIndexAsync(new PendingReconciliationChange(Id, dueAt));

    private async Task BeginAsync(IdentityProviderOperationKind kind, string providerId, string? clientId, CancellationToken cancellationToken)
    {
        // A watchdog: should this silo die during the call, the pending index wakes the application on another one,
        // which then resolves the journal entry written below.
        var watchdog = clock.GetUtcNow() + options.Value.OperationWatchdog;
        if (S.ListedDueAt is null || S.ListedDueAt > watchdog)
        {
            await ListPendingAsync(watchdog);
            S.ListedDueAt = watchdog;
        }

        Link(providerId).Journal = new JournalEntry
        {
            OperationId = Guid.NewGuid().ToString("N"),
            Kind = kind,
            ProviderId = providerId,
            ClientId = clientId,
            StartedAt = clock.GetUtcNow(),
        };
        await PersistAsync(cancellationToken);
    }

    /// <summary>Runs the operation; whatever its outcome, it is settled (a lost answer is handled by the caller).</summary>
    private async Task<T> EndAsync<T>(string providerId, Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        finally
        {
            Link(providerId).Journal = null;
            MarkChanged();
        }
    }

    private IClientOwnershipGrain OwnershipOf(string providerId, string clientId) =>
        GrainFactory.GetGrain<IClientOwnershipGrain>(IClientOwnershipGrain.KeyOf(providerId, clientId));

    private ClientRegistrationRequest Request(ClientMetadata metadata) =>
        new(Id, S.Name, metadata) { ApplicationDescription = S.Description, DeveloperId = S.OwnerId };

    /// <summary>Derives each grant's outcome at the provider from what the identity provider now holds.</summary>
    private Failure? Settle(string providerId, Failure? failure, string correlationId)
    {
        var now = clock.GetUtcNow();
        var link = Link(providerId);
        var permanent = failure is { Kind: IdentityProviderErrorKind.Permanent or IdentityProviderErrorKind.Unsupported };
        if (failure is not null || link.Retry is not null)
        {
            MarkChanged();
        }

        if (failure is null || permanent)
        {
            link.Retry = null;
        }
        else
        {
            var retry = link.Retry ?? new ProviderRetry { FirstFailureAt = now };
            retry.Attempts++;
            retry.UncertainAttempts += failure.Kind == IdentityProviderErrorKind.Uncertain ? 1 : 0;
            retry.LastError = failure.AdminDetail;
            retry.NextAttemptAt = now + Backoff(retry.Attempts);
            link.Retry = retry;
            ApplicationGrainLog.RetryScheduled(logger, Id, providerId, retry.NextAttemptAt - now, retry.Attempts);
            if (retry.UncertainAttempts >= options.Value.MaxUncertainAttempts)
            {
                // Each unconfirmed attempt may have acted (a registration may have left a client behind): stop repeating it.
                link.Retry = null;
                permanent = true;
                failure = failure with { DeveloperMessage = "The identity provider did not confirm the operation; an admin can retry." };
            }
            else if (now - retry.FirstFailureAt > options.Value.GiveUpAfter)
            {
                link.Retry = null;
                permanent = true;
                failure = failure with
                {
                    DeveloperMessage = failure.Kind == IdentityProviderErrorKind.Uncertain
                        ? "The identity provider did not confirm the operation; an admin can retry."
                        : "The identity provider stayed unavailable; an admin can retry.",
                };
            }
        }

        if (permanent)
        {
            link.RotationRequest = null;
            link.ExpiryRotation = false;
            PostponeDueOrphans(link, now);
        }

        var client = link.Client;
        var settled = client is null ? null : new HashSet<string>(client.Metadata.Scopes, StringComparer.Ordinal);
        var journaled = link.Journal is not null;
        foreach (var grant in S.Grants.Values.Where(g => g.ProviderId == providerId))
        {
            // Converged (no failure) means the identity provider accepted the whole desired state; after a failure,
            // a grant still counts as held where its scopes are already on the client.
            var covered = settled is not null && !journaled && client!.NeedsRecovery is null
                && (failure is null || grant.Scopes.All(settled.Contains));
            SetOutcome(grant, covered
                ? Outcome(grant.AccessRequestId, ProvisioningState.Active, null, null, correlationId)
                : failure is null
                    ? Outcome(grant.AccessRequestId, ProvisioningState.Retrying, null, null, correlationId)
                    : Outcome(grant.AccessRequestId, permanent ? ProvisioningState.Failed : ProvisioningState.Retrying,
                        FailureReference.Format(failure.DeveloperMessage, correlationId),
                        failure.AdminDetail,
                        correlationId));
        }

        if (failure is null)
        {
            foreach (var removed in S.Removed.Values.Where(r => r.ProviderId == providerId))
            {
                SetOutcome(removed, Outcome(removed.AccessRequestId, ProvisioningState.Removed, null, null, correlationId));
            }
        }
        else if (permanent)
        {
            // Nothing more will be tried for these: the access requests are told (their scopes may still be on the client).
            foreach (var removed in S.Removed.Values.Where(r => r.ProviderId == providerId))
            {
                SetOutcome(removed, Outcome(removed.AccessRequestId, ProvisioningState.Removed, null,
                    FailureReference.Format($"Removing the scopes at the identity provider failed: {failure.AdminDetail}", correlationId), correlationId));
            }
        }

        return failure is null ? null : failure with { Kind = permanent ? IdentityProviderErrorKind.Permanent : IdentityProviderErrorKind.Transient };
    }

    /// <summary>Sets the grant's outcome; one that says the same as the one it holds is kept, so that nothing changed is written.</summary>
    private void SetOutcome(GrantRecord grant, ProvisioningOutcome outcome)
    {
        if (grant.LastOutcome is { } last && last.State == outcome.State
            && last.DeveloperMessage == outcome.DeveloperMessage && last.AdminDetail == outcome.AdminDetail)
        {
            return;
        }

        grant.LastOutcome = outcome;
        MarkChanged();
    }

    /// <summary>
    /// Replaced clients whose deletion failed for good are tried again after the longest retry delay: no retry is
    /// left to wait for, and due now they would be tried again at once, forever. The failure is in the audit.
    /// </summary>
    private void PostponeDueOrphans(ProviderLink link, DateTimeOffset now)
    {
        foreach (var orphan in link.Orphans.Where(o => o.DeleteAfter <= now))
        {
            orphan.DeleteAfter = now + options.Value.MaxRetryDelay;
        }
    }

    private TimeSpan Backoff(int attempts)
    {
        var exponential = options.Value.FirstRetryDelay * Math.Pow(2, Math.Min(attempts - 1, 16));
        var capped = exponential < options.Value.MaxRetryDelay ? exponential : options.Value.MaxRetryDelay;
        return capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
    }

    /// <summary>
    /// Takes the outcomes access requests have not been told yet, recording them as told; they are sent once that is
    /// stored (<see cref="SendReports"/>), so that each change is told once. The one whose call is being answered
    /// learns it from the answer too, but is told as well: should its caller have died meanwhile, the request still
    /// learns where it stands.
    /// </summary>
    private List<ProvisioningOutcome> TakeReports()
    {
        var reports = new List<ProvisioningOutcome>();
        foreach (var grant in S.Grants.Values.Concat(S.Removed.Values))
        {
            if (grant.LastOutcome is { } outcome && outcome.State != grant.ReportedState)
            {
                grant.ReportedState = outcome.State;
                reports.Add(outcome);
            }
        }

        foreach (var settled in S.Removed.Where(r => r.Value.ReportedState == ProvisioningState.Removed).Select(r => r.Key).ToList())
        {
            S.Removed.Remove(settled);
        }

        if (reports.Count > 0)
        {
            MarkChanged();
        }

        return reports;
    }

    private void SendReports(List<ProvisioningOutcome> reports)
    {
        foreach (var outcome in reports)
        {
            GrainFactory.GetGrain<IAccessRequestGrain>(outcome.AccessRequestId).OnProvisioningSettledAsync(outcome).Ignore();
        }
    }

    private void ScheduleNextWork()
    {
        var delay = NextDueAt() - clock.GetUtcNow();
        if (delay is null || delay > options.Value.LocalTimerHorizon)
        {
            // Nothing to do, or not soon: the pending index wakes the application when it is due.
            _workTimer?.Dispose();
            _workTimer = null;
            return;
        }

        ScheduleRetry(delay > TimeSpan.Zero ? delay.Value : TimeSpan.Zero);
    }

    private void ScheduleRetry(TimeSpan dueTime)
    {
        _workTimer?.Dispose();
        _workTimer = this.RegisterGrainTimer(
            RunDueWorkAsync,
            new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private void Record(IdentityProviderOperationKind operation, string providerId, string? clientId, string outcome, string? detail, string correlationId)
    {
        MarkChanged();
        S.Operations.Add(new IdentityProviderOperationRecord(
            Guid.NewGuid().ToString("N"), operation.ToString(), providerId, clientId, _actor, clock.GetUtcNow(), outcome, detail, correlationId));
        if (S.Operations.Count > options.Value.MaxOperationsKept)
        {
            S.Operations.RemoveRange(0, S.Operations.Count - options.Value.MaxOperationsKept);
        }
    }

    private async Task RunDueWorkAsync(CancellationToken cancellationToken)
    {
        _actor = "system";
        var now = clock.GetUtcNow();
        var reconciler = Reconciler;
        foreach (var (providerId, client) in CurrentClients().ToList())
        {
            var link = Link(providerId);
            if (reconciler.SecretRotationDue(client) <= now && link.RotationRequest is null)
            {
                // The old secret keeps working until it expires anyway: that is the grace period.
                var remaining = client.SecretExpiresAt!.Value - now;
                link.RotationRequest = remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
                link.ExpiryRotation = true;
                MarkChanged();
            }
        }

        var providers = ProvidersWithWork()
            .Where(p => reconciler.IsDue(S.Links.GetValueOrDefault(p) ?? new ProviderLink(), HasGrantsAt(p), HasRemovedGrantsAt(p), now))
            .ToList();
        foreach (var providerId in providers)
        {
            await ReconcileAsync(providerId, cancellationToken);
        }

        if (providers.Count == 0)
        {
            await PersistChangesAsync(cancellationToken);
            ScheduleNextWork();
        }
    }

    private sealed record Failure(IdentityProviderErrorKind Kind, string DeveloperMessage, string AdminDetail)
    {
        /// <summary>The correlation id of the reconciliation that failed, quoted to developers instead of the detail.</summary>
        public string? Reference { get; init; }
    }
}
