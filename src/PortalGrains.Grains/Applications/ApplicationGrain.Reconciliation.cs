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

    private enum Step
    {
        Register,
        Update,
        Delete,
        Rotate,
        Recover,
        DeleteOrphan,
        SearchUnsettledRegistrations,
    }

    private bool HasPendingWork() => NextDueAt() is not null;

    /// <summary>When the next identity provider work is due: retries, clean-up, rotations of expiring secrets; null when there is none.</summary>
    private DateTimeOffset? NextDueAt()
    {
        var now = clock.GetUtcNow();
        // A provider waiting for a retry is not tried before it, whatever else is due there.
        var dueTimes = S.Retries.Values.Select(r => r.NextAttemptAt)
            .Concat(S.Orphans.Where(o => !S.Retries.ContainsKey(o.ProviderId)).Select(o => o.DeleteAfter))
            .Concat(S.Clients.Values.Select(SecretRotationDue).OfType<DateTimeOffset>())
            .Concat(UnsettledSearchDueTimes().Select(s => s.DueAt));
        if (S.Journal.Count > 0
            || S.Removed.Values.Any(r => !S.Retries.ContainsKey(r.ProviderId))
            || S.RotationRequests.Keys.Any(p => !S.Retries.ContainsKey(p)))
        {
            dueTimes = dueTimes.Append(now);
        }

        return dueTimes.Select(d => (DateTimeOffset?)d).Min();
    }

    /// <summary>When the client's secret is rotated ahead of its expiry; null when it does not expire.</summary>
    private DateTimeOffset? SecretRotationDue(ObservedClient client)
    {
        if (client.SecretExpiresAt is not { } expiresAt || client.ProtectedClientSecret is null)
        {
            return null;
        }

        var halfLife = (expiresAt - client.IssuedAt) / 2;
        var lead = halfLife < options.Value.RotateSecretsBefore ? halfLife : options.Value.RotateSecretsBefore;
        return expiresAt - lead;
    }

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
        await PersistAsync(cancellationToken);
        await SyncSearchIndexAsync(cancellationToken);
        ReportChanges();
        try
        {
            await UpdatePendingIndexAsync(cancellationToken);
        }
        catch (Exception e) when (IsSiloGone(e))
        {
            ApplicationGrainLog.PendingIndexUpdateFailed(logger, Id, e.GetType().Name);
        }

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
                    Step.Register => IdentityProviderOperationKind.Register,
                    Step.Delete or Step.DeleteOrphan or Step.SearchUnsettledRegistrations => IdentityProviderOperationKind.Delete,
                    Step.Rotate => IdentityProviderOperationKind.RotateSecret,
                    _ => IdentityProviderOperationKind.Update,
                };
                await PerformAsync(next, driver, idp, connection.Provider, correlationId, cancellationToken);
            }

            return NextStep(connection.Provider, canSearch) is null
                ? null
                : new Failure(IdentityProviderErrorKind.Transient, "Provisioning is still in progress.",
                    $"The client did not reach the desired state in {options.Value.MaxStepsPerReconciliation} operations; continuing later.");
        }
        catch (IdentityProviderException e)
        {
            // e.ClientId: a client the identity provider holds that the portal cannot manage (its admin detail says why)
            Record(operation, providerId, e.ClientId ?? S.Clients.GetValueOrDefault(providerId)?.ClientId,
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
        if (!S.Journal.Remove(providerId, out var entry))
        {
            return;
        }

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
                when S.Clients.TryGetValue(providerId, out var client):
                client.NeedsRecovery = $"{entry.Kind} {entry.OperationId} was not settled";
                break;
        }
    }

    /// <param name="canSearch">The provider's driver can search for the application's clients (<see cref="ITaggedClientSearch"/>).</param>
    private Step? NextStep(ProviderView provider, bool canSearch)
    {
        var providerId = provider.Id;
        var grants = S.Grants.Values.Where(g => g.ProviderId == providerId).ToList();
        S.Clients.TryGetValue(providerId, out var client);
        if (client is { AwaitingFirstGrant: true } && grants.Count > 0)
        {
            // an imported client: the first grant decides its client type, and the update below brings it in line
            client.ClientTypeId = grants[0].ClientTypeId;
            client.AwaitingFirstGrant = false;
        }

        if (client is { NeedsRecovery: not null })
        {
            return Step.Recover;
        }

        // Replaced clients go before anything else: a revocation must not wait for the current client's update.
        var now = clock.GetUtcNow();
        EndGracePeriodsBeyondGrants(provider, grants, now);
        if (S.Orphans.Any(o => o.ProviderId == providerId && o.DeleteAfter <= now))
        {
            return Step.DeleteOrphan;
        }

        if (grants.Count == 0 && client is { AwaitingFirstGrant: true } && !S.Deleted)
        {
            // an imported client is kept until an access request reaches it (or the application is deleted)
            return null;
        }

        if (grants.Count == 0 && client is not null)
        {
            return Step.Delete;
        }

        if (grants.Count > 0 && client is null)
        {
            return Step.Register;
        }

        if (client is not null && S.RotationRequests.ContainsKey(providerId))
        {
            return Step.Rotate;
        }

        if (client is not null && !Matches(provider.Kind, client, DesiredMetadata(provider, grants, client.ClientTypeId)))
        {
            return Step.Update;
        }

        if (client is null)
        {
            S.RotationRequests.Remove(providerId);
        }

        if (canSearch && UnsettledSearchDue(providerId, now))
        {
            // the current client (or none) is settled now: what else carries the application's tag is a leftover
            return Step.SearchUnsettledRegistrations;
        }

        return null;
    }

    /// <summary>
    /// A replaced client keeps its grace period only while it holds nothing the application is no longer granted at
    /// its provider (scopes, redirect URIs, grant types): after a revocation, a deletion or a narrowing change it is
    /// deleted at once, like the current client is updated at once.
    /// </summary>
    private void EndGracePeriodsBeyondGrants(ProviderView provider, IReadOnlyList<GrantRecord> grants, DateTimeOffset now)
    {
        // a previous secret of the current client grants what the client holds, which the update keeps to the grants
        foreach (var orphan in S.Orphans.Where(o => o.ProviderId == provider.Id && o.DeleteAfter > now && !o.SecretOnly))
        {
            if (HoldsMoreThanGranted(provider, grants, orphan.Client))
            {
                orphan.DeleteAfter = now;
                orphan.Reason += "; it held access the application no longer has";
            }
        }
    }

    private bool HoldsMoreThanGranted(ProviderView provider, IReadOnlyList<GrantRecord> grants, ObservedClient client)
    {
        if (grants.Count == 0 || grants.Any(g => g.ClientTypeId != client.ClientTypeId) || provider.FindClientType(client.ClientTypeId) is null)
        {
            return true;
        }

        var desired = DesiredMetadata(provider, grants, client.ClientTypeId);
        // Okta returns no scopes in client metadata (see Matches): its scopes follow the authorization server's policies.
        return (provider.Kind != ProviderKind.Okta && !client.Metadata.Scopes.ToHashSet(StringComparer.Ordinal).IsSubsetOf(desired.Scopes))
            || !client.Metadata.RedirectUris.ToHashSet(StringComparer.Ordinal).IsSubsetOf(desired.RedirectUris)
            || !client.Metadata.GrantTypes.ToHashSet(StringComparer.Ordinal).IsSubsetOf(desired.GrantTypes);
    }

    /// <summary>Past <see cref="ProvisioningOptions.MaxClientsInGracePeriod"/> replaced clients, the oldest ones lose their grace period.</summary>
    private void EndGracePeriodsBeyondCap(DateTimeOffset now)
    {
        var inGrace = S.Orphans.Where(o => o.DeleteAfter > now).ToList();
        foreach (var orphan in inGrace.Take(inGrace.Count - options.Value.MaxClientsInGracePeriod))
        {
            orphan.DeleteAfter = now;
            orphan.Reason += $"; more than {options.Value.MaxClientsInGracePeriod} replaced clients were in their grace period";
        }
    }

    private async Task PerformAsync(
        Step step, IClientRegistrationDriver driver, IdentityProviderConnection connection, ProviderView provider, string correlationId, CancellationToken cancellationToken)
    {
        var providerId = provider.Id;
        var grants = S.Grants.Values.Where(g => g.ProviderId == providerId).ToList();
        S.Clients.TryGetValue(providerId, out var observed);
        switch (step)
        {
            case Step.Register:
            {
                var clientTypeId = grants[0].ClientTypeId;
                var request = Request(DesiredMetadata(provider, grants, clientTypeId));
                await BeginAsync(IdentityProviderOperationKind.Register, providerId, null, cancellationToken);
                var registered = await RegisterPastLeftoversAsync(driver, connection, request, providerId, correlationId, cancellationToken);
                S.Clients[providerId] = ObservedClient.From(registered, clientTypeId, connection.Endpoints, secrets, clock.GetUtcNow())
                    .WithSent(request.Metadata);
                await StoreRegistrationAsync(providerId, driver, connection, registered, cancellationToken);
                await OwnershipOf(providerId, registered.ClientId).SetApplicationIdAsync(Id, cancellationToken);
                Record(IdentityProviderOperationKind.Register, providerId, registered.ClientId, "succeeded", null, correlationId);
                ApplicationGrainLog.OperationSucceeded(logger, Id, IdentityProviderOperationKind.Register, providerId, registered.ClientId, correlationId);
                break;
            }

            case Step.Update:
            {
                var request = Request(DesiredMetadata(provider, grants, observed!.ClientTypeId));
                await BeginAsync(IdentityProviderOperationKind.Update, providerId, observed.ClientId, cancellationToken);
                try
                {
                    var updated = await EndAsync(providerId, () => driver.UpdateAsync(connection, observed.ToRegisteredClient(secrets), request, cancellationToken));
                    S.Clients[providerId] = observed.Merge(updated, secrets).WithSent(request.Metadata);
                }
                catch (IdentityProviderException e) when (e.Kind == IdentityProviderErrorKind.Uncertain)
                {
                    // RFC 7592 PUT rotates the registration access token at some IdPs: with the answer lost, the
                    // stored token may be dead. Find out with a read before anything else is tried.
                    observed.NeedsRecovery = "the answer to an update was lost";
                    throw;
                }

                await PersistAsync(cancellationToken);
                Record(IdentityProviderOperationKind.Update, providerId, observed.ClientId, "succeeded", null, correlationId);
                ApplicationGrainLog.OperationSucceeded(logger, Id, IdentityProviderOperationKind.Update, providerId, observed.ClientId, correlationId);
                break;
            }

            case Step.Recover:
            {
                var current = await driver.ReadAsync(connection, observed!.ToRegisteredClient(secrets), cancellationToken);
                var recovered = observed.Merge(current, secrets);
                recovered.NeedsRecovery = null;
                S.Clients[providerId] = recovered;
                await PersistAsync(cancellationToken);
                break;
            }

            case Step.Delete:
            {
                await BeginAsync(IdentityProviderOperationKind.Delete, providerId, observed!.ClientId, cancellationToken);
                await EndAsync(providerId, () => driver.DeleteAsync(connection, observed.ToRegisteredClient(secrets), cancellationToken));
                // Released before the client is forgotten: should this fail, the next reconciliation deletes and releases again.
                await OwnershipOf(providerId, observed.ClientId).ClearAsync(cancellationToken);
                S.Clients.Remove(providerId);
                S.RotationRequests.Remove(providerId);
                // the client's previous secrets went with it
                S.Orphans.RemoveAll(o => o.SecretOnly && o.ProviderId == providerId && o.Client.ClientId == observed.ClientId);
                await PersistAsync(cancellationToken);
                Record(IdentityProviderOperationKind.Delete, providerId, observed.ClientId, "succeeded", null, correlationId);
                ApplicationGrainLog.OperationSucceeded(logger, Id, IdentityProviderOperationKind.Delete, providerId, observed.ClientId, correlationId);
                break;
            }

            case Step.Rotate:
            {
                var gracePeriod = S.RotationRequests[providerId];
                var request = Request(DesiredMetadata(provider, grants, observed!.ClientTypeId));
                await BeginAsync(IdentityProviderOperationKind.RotateSecret, providerId, observed.ClientId, cancellationToken);
                var rotated = await EndAsync(providerId, () => driver.RotateSecretAsync(connection, observed.ToRegisteredClient(secrets), request, cancellationToken));
                if (rotated.CallerMustDeletePreviousClient)
                {
                    S.Clients[providerId] = ObservedClient.From(rotated.Client, observed.ClientTypeId, connection.Endpoints, secrets, clock.GetUtcNow())
                        .WithSent(request.Metadata);
                    S.Orphans.Add(new OrphanClient
                    {
                        ProviderId = providerId,
                        Client = observed.Merge(rotated.PreviousClient, secrets),
                        DeleteAfter = clock.GetUtcNow() + gracePeriod,
                        Reason = "replaced by a secret rotation",
                    });
                    EndGracePeriodsBeyondCap(clock.GetUtcNow());
                }
                else if (rotated.CallerMustRevokePreviousSecret)
                {
                    S.Clients[providerId] = observed.Merge(rotated.Client, secrets);
                    S.Orphans.Add(new OrphanClient
                    {
                        ProviderId = providerId,
                        Client = observed.Merge(rotated.PreviousClient, secrets),
                        DeleteAfter = clock.GetUtcNow() + gracePeriod,
                        Reason = "its secret was replaced by a secret rotation",
                        SecretOnly = true,
                    });
                    EndGracePeriodsBeyondCap(clock.GetUtcNow());
                }
                else
                {
                    S.Clients[providerId] = observed.Merge(rotated.Client, secrets);
                }

                S.RotationRequests.Remove(providerId);
                S.StagedWebhookEvents.Add(WebhookEvents.CredentialsRotated(View(), providerId, rotated.Client.ClientId, clock.GetUtcNow()));
                await PersistAsync(cancellationToken);
                await PublishEventsAsync();
                await OwnershipOf(providerId, rotated.Client.ClientId).SetApplicationIdAsync(Id, cancellationToken);
                if (S.ExpiryRotations.Remove(providerId))
                {
                    await NotifySecretRotatedAsync(provider, S.Clients[providerId], observed.SecretExpiresAt);
                    await PersistAsync(cancellationToken);
                }

                Record(IdentityProviderOperationKind.RotateSecret, providerId, rotated.Client.ClientId, "succeeded", null, correlationId);
                ApplicationGrainLog.OperationSucceeded(logger, Id, IdentityProviderOperationKind.RotateSecret, providerId, rotated.Client.ClientId, correlationId);
                break;
            }

            case Step.DeleteOrphan:
            {
                var now = clock.GetUtcNow();
                var orphan = S.Orphans.First(o => o.ProviderId == providerId && o.DeleteAfter <= now);
                if (orphan.SecretOnly)
                {
                    await RevokePreviousSecretAsync(orphan, driver, connection, correlationId, cancellationToken);
                    break;
                }

                await BeginAsync(IdentityProviderOperationKind.Delete, providerId, orphan.Client.ClientId, cancellationToken);
                await EndAsync(providerId, () => driver.DeleteAsync(connection, orphan.Client.ToRegisteredClient(secrets), cancellationToken));
                await OwnershipOf(providerId, orphan.Client.ClientId).ClearAsync(cancellationToken);
                S.Orphans.Remove(orphan);
                await PersistAsync(cancellationToken);
                Record(IdentityProviderOperationKind.Delete, providerId, orphan.Client.ClientId, "succeeded", null, correlationId);
                ApplicationGrainLog.OperationSucceeded(logger, Id, IdentityProviderOperationKind.Delete, providerId, orphan.Client.ClientId, correlationId);
                break;
            }

            case Step.SearchUnsettledRegistrations:
                await SearchUnsettledRegistrationsAsync((ITaggedClientSearch)driver, driver, connection, providerId, correlationId, cancellationToken);
                break;
        }
    }

    private IPendingReconciliationsGrain PendingIndex() =>
        GrainFactory.GetGrain<IPendingReconciliationsGrain>(IPendingReconciliationsGrain.ShardOf(Id));

    private async Task BeginAsync(IdentityProviderOperationKind kind, string providerId, string? clientId, CancellationToken cancellationToken)
    {
        // A watchdog: should this silo die during the call, the pending index wakes the application on another one,
        // which then resolves the journal entry written below.
        var watchdog = clock.GetUtcNow() + options.Value.OperationWatchdog;
        if (S.ListedDueAt is null || S.ListedDueAt > watchdog)
        {
            await PendingIndex().ScheduleAsync(Id, watchdog, cancellationToken);
            S.ListedDueAt = watchdog;
        }

        S.Journal[providerId] = new JournalEntry
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
            S.Journal.Remove(providerId);
        }
    }

    /// <summary>Stores a new registration; when that fails, the client is deleted again rather than left behind.</summary>
    private async Task StoreRegistrationAsync(string providerId, IClientRegistrationDriver driver, IdentityProviderConnection connection, RegisteredClient registered, CancellationToken cancellationToken)
    {
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception e)
        {
            ApplicationGrainLog.CompensatingRegistration(logger, e, Id, providerId, registered.ClientId);
            await driver.DeleteAsync(connection, registered, CancellationToken.None);
            await state.ReadStateAsync(cancellationToken);
            S.Journal.Remove(providerId);
            throw new IdentityProviderException(
                IdentityProviderErrorKind.Transient, IdentityProviderOperation.Register,
                "The client could not be stored; it is registered again shortly.",
                $"Storing client {registered.ClientId} failed ({e.GetType().Name}); it was deleted at the identity provider.");
        }
    }

    private IClientOwnershipGrain OwnershipOf(string providerId, string clientId) =>
        GrainFactory.GetGrain<IClientOwnershipGrain>(IClientOwnershipGrain.KeyOf(providerId, clientId));

    private ClientRegistrationRequest Request(ClientMetadata metadata) =>
        new(Id, S.Name, metadata) { ApplicationDescription = S.Description, DeveloperId = S.OwnerId };

    private ClientMetadata DesiredMetadata(ProviderView provider, IReadOnlyList<GrantRecord> grants, string clientTypeId)
    {
        var clientType = provider.FindClientType(clientTypeId) ?? throw new IdentityProviderException(
            IdentityProviderErrorKind.Permanent, IdentityProviderOperation.Register,
            "The provider no longer offers this client type.",
            $"Client type {clientTypeId} is not among the client types of provider {provider.Id}.");
        var scopes = grants.SelectMany(g => g.Scopes).Distinct(StringComparer.Ordinal);
        return ClientMetadataFactory.Create(clientType, scopes, S.RedirectUris, Keys());
    }

    /// <summary>Compares only what the portal decides; the identity provider may add or normalize other fields.</summary>
    private static bool Matches(ProviderKind kind, ObservedClient client, ClientMetadata desired) =>
        // Okta grants scopes through its authorization servers' access policies, not client metadata: it returns none.
        (kind == ProviderKind.Okta || SameSet(client.Metadata.Scopes, desired.Scopes))
        && SameSet(client.Metadata.RedirectUris, desired.RedirectUris)
        && SameSet(client.Metadata.GrantTypes, desired.GrantTypes)
        // what was sent, not what came back: an identity provider may drop or rewrite these in its answer
        && client.SentJwksUri == ClientKeyMetadata.JwksUri(desired)
        && client.SentTlsClientAuthSubjectDn == ClientKeyMetadata.TlsClientAuthSubjectDn(desired);

    private static bool SameSet(IEnumerable<string> left, IEnumerable<string> right) =>
        new HashSet<string>(left, StringComparer.Ordinal).SetEquals(right);

    /// <summary>Derives each grant's outcome at the provider from what the identity provider now holds.</summary>
    private Failure? Settle(string providerId, Failure? failure, string correlationId)
    {
        var now = clock.GetUtcNow();
        var permanent = failure is { Kind: IdentityProviderErrorKind.Permanent or IdentityProviderErrorKind.Unsupported };
        if (failure is null || permanent)
        {
            S.Retries.Remove(providerId);
        }
        else
        {
            var retry = S.Retries.TryGetValue(providerId, out var existing) ? existing : new ProviderRetry { FirstFailureAt = now };
            retry.Attempts++;
            retry.UncertainAttempts += failure.Kind == IdentityProviderErrorKind.Uncertain ? 1 : 0;
            retry.LastError = failure.AdminDetail;
            retry.NextAttemptAt = now + Backoff(retry.Attempts);
            S.Retries[providerId] = retry;
            ApplicationGrainLog.RetryScheduled(logger, Id, providerId, retry.NextAttemptAt - now, retry.Attempts);
            if (retry.UncertainAttempts >= options.Value.MaxUncertainAttempts)
            {
                // Each unconfirmed attempt may have acted (a registration may have left a client behind): stop repeating it.
                S.Retries.Remove(providerId);
                permanent = true;
                failure = failure with { DeveloperMessage = "The identity provider did not confirm the operation; an admin can retry." };
            }
            else if (now - retry.FirstFailureAt > options.Value.GiveUpAfter)
            {
                S.Retries.Remove(providerId);
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
            S.RotationRequests.Remove(providerId);
            S.ExpiryRotations.Remove(providerId);
            PostponeDueOrphans(providerId, now);
        }

        S.Clients.TryGetValue(providerId, out var client);
        var settled = client is null ? null : new HashSet<string>(client.Metadata.Scopes, StringComparer.Ordinal);
        var journaled = S.Journal.ContainsKey(providerId);
        foreach (var grant in S.Grants.Values.Where(g => g.ProviderId == providerId))
        {
            // Converged (no failure) means the identity provider accepted the whole desired state; after a failure,
            // a grant still counts as held where its scopes are already on the client.
            var covered = settled is not null && !journaled && client!.NeedsRecovery is null
                && (failure is null || grant.Scopes.All(settled.Contains));
            grant.LastOutcome = covered
                ? Outcome(grant.AccessRequestId, ProvisioningState.Active, null, null, correlationId)
                : failure is null
                    ? Outcome(grant.AccessRequestId, ProvisioningState.Retrying, null, null, correlationId)
                    : Outcome(grant.AccessRequestId, permanent ? ProvisioningState.Failed : ProvisioningState.Retrying,
                        FailureReference.Format(failure.DeveloperMessage, correlationId),
                        failure.AdminDetail,
                        correlationId);
        }

        if (failure is null)
        {
            foreach (var removed in S.Removed.Values.Where(r => r.ProviderId == providerId))
            {
                removed.LastOutcome = Outcome(removed.AccessRequestId, ProvisioningState.Removed, null, null, correlationId);
            }
        }
        else if (permanent)
        {
            // Nothing more will be tried for these: the access requests are told (their scopes may still be on the client).
            foreach (var removed in S.Removed.Values.Where(r => r.ProviderId == providerId))
            {
                removed.LastOutcome = Outcome(removed.AccessRequestId, ProvisioningState.Removed, null,
                    FailureReference.Format($"Removing the scopes at the identity provider failed: {failure.AdminDetail}", correlationId), correlationId);
            }
        }

        return failure is null ? null : failure with { Kind = permanent ? IdentityProviderErrorKind.Permanent : IdentityProviderErrorKind.Transient };
    }

    /// <summary>
    /// Replaced clients whose deletion failed for good are tried again after the longest retry delay: no retry is
    /// left to wait for, and due now they would be tried again at once, forever. The failure is in the audit.
    /// </summary>
    private void PostponeDueOrphans(string providerId, DateTimeOffset now)
    {
        foreach (var orphan in S.Orphans.Where(o => o.ProviderId == providerId && o.DeleteAfter <= now))
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
    /// Tells access requests what changed, once. The one whose call is being answered learns it from the answer too,
    /// but is told as well: should its caller have died meanwhile, the request still learns where it stands.
    /// </summary>
    private void ReportChanges()
    {
        foreach (var grant in S.Grants.Values.Concat(S.Removed.Values).ToList())
        {
            if (grant.LastOutcome is not { } outcome || outcome.State == grant.ReportedState)
            {
                continue;
            }

            grant.ReportedState = outcome.State;
            GrainFactory.GetGrain<IAccessRequestGrain>(grant.AccessRequestId).OnProvisioningSettledAsync(outcome).Ignore();
        }

        foreach (var settled in S.Removed.Where(r => r.Value.ReportedState == ProvisioningState.Removed).Select(r => r.Key).ToList())
        {
            S.Removed.Remove(settled);
        }
    }

    private async Task PersistAsync(CancellationToken cancellationToken) => await state.WriteOrReloadAsync(this, cancellationToken);

    private async Task UpdatePendingIndexAsync(CancellationToken cancellationToken)
    {
        var dueAt = NextDueAt();
        if (dueAt != S.ListedDueAt)
        {
            var index = PendingIndex();
            if (dueAt is { } due)
            {
                await index.ScheduleAsync(Id, due, cancellationToken);
            }
            else
            {
                await index.RemoveAsync(Id, cancellationToken);
            }

            S.ListedDueAt = dueAt;
        }

        await PersistAsync(cancellationToken);
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
        foreach (var (providerId, client) in S.Clients)
        {
            if (SecretRotationDue(client) <= now && !S.RotationRequests.ContainsKey(providerId))
            {
                // The old secret keeps working until it expires anyway: that is the grace period.
                var remaining = client.SecretExpiresAt!.Value - now;
                S.RotationRequests[providerId] = remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
                S.ExpiryRotations.Add(providerId);
            }
        }

        var providers = S.Journal.Keys
            .Concat(S.Retries.Where(r => r.Value.NextAttemptAt <= now).Select(r => r.Key))
            .Concat(S.Orphans.Where(o => o.DeleteAfter <= now && !S.Retries.ContainsKey(o.ProviderId)).Select(o => o.ProviderId))
            .Concat(S.Removed.Values.Select(r => r.ProviderId).Where(p => !S.Retries.ContainsKey(p)))
            .Concat(S.RotationRequests.Keys.Where(p => !S.Retries.ContainsKey(p)))
            .Concat(UnsettledSearchDueTimes().Where(s => s.DueAt <= now).Select(s => s.ProviderId))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var providerId in providers)
        {
            await ReconcileAsync(providerId, cancellationToken);
        }

        if (providers.Count == 0)
        {
            await UpdatePendingIndexAsync(cancellationToken);
            ScheduleNextWork();
        }
    }

    private sealed record Failure(IdentityProviderErrorKind Kind, string DeveloperMessage, string AdminDetail)
    {
        /// <summary>The correlation id of the reconciliation that failed, quoted to developers instead of the detail.</summary>
        public string? Reference { get; init; }
    }
}
