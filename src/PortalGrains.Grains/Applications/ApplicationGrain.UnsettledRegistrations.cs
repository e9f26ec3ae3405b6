using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Applications;

/// <summary>
/// Clean-up after registrations whose outcome was lost (the answer never arrived, or the silo stopped during the call):
/// the identity provider may hold a client tagged with this application that the portal never learned of. Where the
/// driver can search the identity provider (<see cref="ITaggedClientSearch"/>), the application's clients are listed
/// once its current client at that provider is settled, and every one the portal does not know is deleted. Failures are
/// retried in the background and never hold up the grants, whose client is already in place.
/// </summary>
partial class ApplicationGrain
{
    /// <summary>Records a registration whose outcome was lost; a new one makes a stopped search worth trying again.</summary>
    private void AddUnsettledRegistration(string providerId, string operationId, DateTimeOffset startedAt)
    {
        var link = Link(providerId);
        link.UnsettledRegistrations.Add(new UnsettledRegistration { OperationId = operationId, StartedAt = startedAt });
        link.UnsettledSearchStopped = false;
    }

    /// <summary>The identity provider offers no search: the unsettled registrations stay recorded, as they are, for an admin.</summary>
    private void StopUnsettledSearchWithoutDriverSupport(string providerId)
    {
        if (S.Links.GetValueOrDefault(providerId) is { UnsettledSearchStopped: false, UnsettledRegistrations.Count: > 0 } link)
        {
            link.UnsettledSearchStopped = true;
            link.UnsettledSearchRetry = null;
            ApplicationGrainLog.UnsettledSearchStopped(logger, Id, providerId, link.UnsettledRegistrations.Count, "the identity provider's driver cannot search its clients");
        }
    }

    /// <summary>
    /// Registers the client. Should the identity provider refuse it while a lost registration may have left a client
    /// behind (Okta keeps client_name unique in an org, so that leftover blocks the new registration), the leftovers are
    /// searched for and deleted at once, and the registration is tried again shortly.
    /// </summary>
    private async Task<RegisteredClient> RegisterPastLeftoversAsync(
        IClientRegistrationDriver driver, IdentityProviderConnection connection, ClientRegistrationRequest request, string providerId, string correlationId,
        CancellationToken cancellationToken)
    {
        try
        {
            return await EndAsync(providerId, () => driver.RegisterAsync(connection, request, cancellationToken));
        }
        catch (IdentityProviderException e) when (e.Kind == IdentityProviderErrorKind.Permanent
                                                  && driver is ITaggedClientSearch
                                                  && S.Links.GetValueOrDefault(providerId) is { UnsettledSearchStopped: false, UnsettledRegistrations.Count: > 0 })
        {
            // With no current client, every client tagged with the application that the portal does not know is a leftover.
            var deleted = await SearchUnsettledRegistrationsAsync(
                (ITaggedClientSearch)driver, driver, connection, providerId, correlationId, cancellationToken, immediately: true);
            if (deleted is not > 0)
            {
                throw;
            }

            throw new IdentityProviderException(
                IdentityProviderErrorKind.Transient, IdentityProviderOperation.Register, IdentityProviderMessages.Unavailable,
                $"{e.AdminDetail}; {deleted} client(s) left by a registration whose outcome was lost were deleted, so the registration is tried again.",
                e.HttpStatus, e.Error, e.ErrorDescription);
        }
    }

    /// <param name="immediately">Search for every unsettled registration of the provider, however recent.</param>
    /// <returns>How many leftovers were deleted; null when the search or a deletion failed (it is retried later).</returns>
    private async Task<int?> SearchUnsettledRegistrationsAsync(
        ITaggedClientSearch search, IClientRegistrationDriver driver, IdentityProviderConnection connection, string providerId, string correlationId,
        CancellationToken cancellationToken, bool immediately = false)
    {
        var link = Link(providerId);
        var settling = Reconciler.SettlingRegistrations(link, clock.GetUtcNow(), immediately);
        var origin = string.Join(", ", settling);
        // Clients the portal knows stay: the current ones (at any provider, should two providers name the same
        // identity provider) and the replaced ones waiting for their grace period to end.
        var known = CurrentClients().Select(c => c.Client.ClientId)
            .Concat(S.Links.Values.SelectMany(l => l.Orphans).Select(o => o.Client.ClientId))
            .ToHashSet(StringComparer.Ordinal);
        string? clientId = null;
        var deleted = 0;
        try
        {
            var found = await search.FindClientsOfApplicationAsync(connection, Id, PortalClientTag.ClientName(S.Name, Id), cancellationToken);
            foreach (var leftover in found.Where(c => !known.Contains(c.ClientId)))
            {
                clientId = leftover.ClientId;
                if (await OwnershipOf(providerId, clientId).GetApplicationIdAsync(cancellationToken) is { } owner && owner != Id)
                {
                    ApplicationGrainLog.TaggedClientOwnedElsewhere(logger, Id, clientId, providerId, owner);
                    continue;
                }

                var outcome = await driver.DeleteAsync(connection, new RegisteredClient { ClientId = clientId, Metadata = new ClientMetadata() }, cancellationToken);
                deleted++;
                Record(IdentityProviderOperationKind.Delete, providerId, clientId, "succeeded",
                    $"Client {clientId} (\"{leftover.ClientName}\") carried this application's tag but was unknown to the portal: left by a registration whose outcome was lost ({origin})"
                    + (outcome == ClientDeletionOutcome.AlreadyGone ? "; it was already gone." : "."),
                    correlationId);
                ApplicationGrainLog.LeftoverClientDeleted(logger, Id, clientId, outcome, providerId, correlationId);
                await PersistAsync(cancellationToken);
            }

            link.UnsettledRegistrations.RemoveAll(settling.Contains);
            link.UnsettledSearchRetry = null;
            await PersistAsync(cancellationToken);
            ApplicationGrainLog.UnsettledRegistrationsSettled(logger, Id, settling.Count, providerId, deleted);
            return deleted;
        }
        catch (IdentityProviderException e)
        {
            await UnsettledSearchFailedAsync(providerId, clientId, origin, e.Kind.ToString(), e.AdminDetail,
                retry: e.Kind is IdentityProviderErrorKind.Transient or IdentityProviderErrorKind.Uncertain, correlationId, cancellationToken);
            return null;
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            await UnsettledSearchFailedAsync(providerId, clientId, origin, "Transport", $"{e.GetType().Name}: {e.Message}", retry: true, correlationId, cancellationToken);
            return null;
        }
    }

    /// <summary>Retried with backoff like the other steps; a refusal, or failures for longer than the give-up time, stop it.</summary>
    private async Task UnsettledSearchFailedAsync(
        string providerId, string? clientId, string origin, string kind, string detail, bool retry, string correlationId, CancellationToken cancellationToken)
    {
        var what = clientId is null
            ? $"Searching the identity provider for clients left by registrations whose outcome was lost ({origin}) failed: {detail}"
            : $"Deleting client {clientId}, left by a registration whose outcome was lost ({origin}), failed: {detail}";
        if (RetryUnsettledSearch(providerId, kind, detail, retry) is { } nextAttemptAt)
        {
            Record(IdentityProviderOperationKind.Delete, providerId, clientId, "failed", $"{what}; retried at {nextAttemptAt:O}.", correlationId);
        }
        else
        {
            Record(IdentityProviderOperationKind.Delete, providerId, clientId, "failed",
                $"{what}. Not tried again: delete the clients named \"{PortalClientTag.ClientName(S.Name, Id)}\" other than the application's current client at the identity provider by hand.",
                correlationId);
        }

        await PersistAsync(cancellationToken);
    }

    /// <summary>
    /// A reconciliation that ended with the search still due did not get to it (the provider failed before, or is
    /// gone): it is deferred like a failed search, so that the application is not woken again at once.
    /// </summary>
    private void DeferDueUnsettledSearch(string providerId, string? reason)
    {
        if (S.Links.GetValueOrDefault(providerId) is { } link && Reconciler.UnsettledSearchDue(link, clock.GetUtcNow()))
        {
            RetryUnsettledSearch(providerId, "Deferred", reason ?? "the reconciliation of the provider did not reach the search", retry: true);
        }
    }

    /// <returns>When the search is tried again; null when it is stopped.</returns>
    private DateTimeOffset? RetryUnsettledSearch(string providerId, string kind, string detail, bool retry)
    {
        var now = clock.GetUtcNow();
        var link = Link(providerId);
        var next = link.UnsettledSearchRetry ?? new ProviderRetry { FirstFailureAt = now };
        next.Attempts++;
        next.LastError = detail;
        next.NextAttemptAt = now + Backoff(next.Attempts);
        if (retry && now - next.FirstFailureAt <= options.Value.GiveUpAfter)
        {
            link.UnsettledSearchRetry = next;
            ApplicationGrainLog.UnsettledSearchFailed(logger, Id, providerId, kind, detail, next.NextAttemptAt - now);
            return next.NextAttemptAt;
        }

        link.UnsettledSearchRetry = null;
        link.UnsettledSearchStopped = true;
        ApplicationGrainLog.UnsettledSearchStopped(logger, Id, providerId, link.UnsettledRegistrations.Count, detail);
        return null;
    }
}
