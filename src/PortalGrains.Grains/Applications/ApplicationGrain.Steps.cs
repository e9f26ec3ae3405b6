using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Webhooks;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Applications;

/// <summary>
/// The identity provider operations a <see cref="ProviderReconciler"/> decides on: each journaled before it is sent
/// (intent) and stored after (outcome).
/// </summary>
partial class ApplicationGrain
{
    private async Task PerformAsync(
        ProviderStep step, IClientRegistrationDriver driver, IdentityProviderConnection connection, ProviderConnectionSettings settings, string correlationId,
        CancellationToken cancellationToken)
    {
        var provider = settings.Provider;
        var link = Link(provider.Id);
        switch (step)
        {
            case ProviderStep.Register:
                await RegisterAsync(link, driver, connection, settings, correlationId, cancellationToken);
                break;
            case ProviderStep.Update:
                await UpdateClientAsync(link, driver, connection, provider, correlationId, cancellationToken);
                break;
            case ProviderStep.Recover:
            {
                var observed = link.Client!;
                var current = await driver.ReadAsync(connection, observed.ToRegisteredClient(secrets), cancellationToken);
                var recovered = observed.Merge(current, secrets);
                recovered.NeedsRecovery = null;
                link.Client = recovered;
                await PersistAsync(cancellationToken);
                break;
            }

            case ProviderStep.Delete:
                await DeleteClientAsync(link, driver, connection, provider.Id, correlationId, cancellationToken);
                break;
            case ProviderStep.Rotate:
                await RotateAsync(link, driver, connection, provider, correlationId, cancellationToken);
                break;
            case ProviderStep.DeleteOrphan:
                await DeleteOrphanAsync(link, driver, connection, provider.Id, correlationId, cancellationToken);
                break;
            case ProviderStep.SearchUnsettledRegistrations:
                await SearchUnsettledRegistrationsAsync((ITaggedClientSearch)driver, driver, connection, provider.Id, correlationId, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// Registers a client. Its outcome is stored with the next write (the reconciliation's last, or the intent of its
    /// next operation), which then records the client as the application's; until then the journal holds the intent.
    /// </summary>
    private async Task RegisterAsync(
        ProviderLink link, IClientRegistrationDriver driver, IdentityProviderConnection connection, ProviderConnectionSettings settings, string correlationId,
        CancellationToken cancellationToken)
    {
        var providerId = settings.Provider.Id;
        var clientTypeId = GrantsAt(providerId)[0].ClientTypeId;
        var request = RequestFor(settings.Provider, clientTypeId);
        await BeginAsync(IdentityProviderOperationKind.Register, providerId, null, cancellationToken);
        var registered = await RegisterPastLeftoversAsync(driver, connection, request, providerId, correlationId, cancellationToken);
        link.Client = ObservedClient.From(registered, clientTypeId, connection.Endpoints, secrets, clock.GetUtcNow()).WithSent(request.Metadata);
        _unstoredRegistration = new UnstoredRegistration(providerId, registered, settings);
        MarkChanged();
        Succeeded(IdentityProviderOperationKind.Register, providerId, registered.ClientId, correlationId);
    }

    private async Task UpdateClientAsync(
        ProviderLink link, IClientRegistrationDriver driver, IdentityProviderConnection connection, ProviderView provider, string correlationId, CancellationToken cancellationToken)
    {
        var providerId = provider.Id;
        var observed = link.Client!;
        var request = RequestFor(provider, observed.ClientTypeId);
        await BeginAsync(IdentityProviderOperationKind.Update, providerId, observed.ClientId, cancellationToken);
        try
        {
            var updated = await EndAsync(providerId, () => driver.UpdateAsync(connection, observed.ToRegisteredClient(secrets), request, cancellationToken));
            link.Client = observed.Merge(updated, secrets).WithSent(request.Metadata);
        }
        catch (IdentityProviderException e) when (e.Kind == IdentityProviderErrorKind.Uncertain)
        {
            // RFC 7592 PUT rotates the registration access token at some IdPs: with the answer lost, the
            // stored token may be dead. Find out with a read before anything else is tried.
            observed.NeedsRecovery = "the answer to an update was lost";
            throw;
        }

        await PersistAsync(cancellationToken);
        Succeeded(IdentityProviderOperationKind.Update, providerId, observed.ClientId, correlationId);
    }

    private async Task DeleteClientAsync(
        ProviderLink link, IClientRegistrationDriver driver, IdentityProviderConnection connection, string providerId, string correlationId, CancellationToken cancellationToken)
    {
        var observed = link.Client!;
        await BeginAsync(IdentityProviderOperationKind.Delete, providerId, observed.ClientId, cancellationToken);
        await EndAsync(providerId, () => driver.DeleteAsync(connection, observed.ToRegisteredClient(secrets), cancellationToken));
        // Released before the client is forgotten: should this fail, the next reconciliation deletes and releases again.
        await OwnershipOf(providerId, observed.ClientId).ClearAsync(cancellationToken);
        link.Client = null;
        link.RotationRequest = null;
        // the client's previous secrets went with it
        link.Orphans.RemoveAll(o => o.SecretOnly && o.Client.ClientId == observed.ClientId);
        await PersistAsync(cancellationToken);
        Succeeded(IdentityProviderOperationKind.Delete, providerId, observed.ClientId, correlationId);
    }

    private async Task RotateAsync(
        ProviderLink link, IClientRegistrationDriver driver, IdentityProviderConnection connection, ProviderView provider, string correlationId, CancellationToken cancellationToken)
    {
        var providerId = provider.Id;
        var observed = link.Client!;
        var gracePeriod = link.RotationRequest!.Value;
        var request = RequestFor(provider, observed.ClientTypeId);
        await BeginAsync(IdentityProviderOperationKind.RotateSecret, providerId, observed.ClientId, cancellationToken);
        var rotated = await EndAsync(providerId, () => driver.RotateSecretAsync(connection, observed.ToRegisteredClient(secrets), request, cancellationToken));
        var now = clock.GetUtcNow();
        if (rotated.CallerMustDeletePreviousClient || rotated.CallerMustRevokePreviousSecret)
        {
            var secretOnly = !rotated.CallerMustDeletePreviousClient;
            link.Client = secretOnly
                ? observed.Merge(rotated.Client, secrets)
                : ObservedClient.From(rotated.Client, observed.ClientTypeId, connection.Endpoints, secrets, now).WithSent(request.Metadata);
            link.Orphans.Add(new OrphanClient
            {
                ProviderId = providerId,
                Client = observed.Merge(rotated.PreviousClient, secrets),
                DeleteAfter = now + gracePeriod,
                Reason = secretOnly ? "its secret was replaced by a secret rotation" : "replaced by a secret rotation",
                SecretOnly = secretOnly,
                ReplacedAt = now,
            });
            Reconciler.EndGracePeriodsBeyondCap(S.Links.Values.SelectMany(l => l.Orphans), now);
        }
        else
        {
            link.Client = observed.Merge(rotated.Client, secrets);
        }

        link.RotationRequest = null;
        S.StagedWebhookEvents.Add(WebhookEvents.CredentialsRotated(View(), providerId, rotated.Client.ClientId, now));
        await PersistAsync(cancellationToken);
        await PublishEventsAsync();
        await OwnershipOf(providerId, rotated.Client.ClientId).SetApplicationIdAsync(Id, cancellationToken);
        if (link.ExpiryRotation)
        {
            link.ExpiryRotation = false;
            await NotifySecretRotatedAsync(provider, link.Client, observed.SecretExpiresAt);
            await PersistAsync(cancellationToken);
        }

        Succeeded(IdentityProviderOperationKind.RotateSecret, providerId, rotated.Client.ClientId, correlationId);
    }

    private async Task DeleteOrphanAsync(
        ProviderLink link, IClientRegistrationDriver driver, IdentityProviderConnection connection, string providerId, string correlationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var orphan = link.Orphans.First(o => o.DeleteAfter <= now);
        if (orphan.SecretOnly)
        {
            await RevokePreviousSecretAsync(orphan, driver, connection, correlationId, cancellationToken);
            return;
        }

        await BeginAsync(IdentityProviderOperationKind.Delete, providerId, orphan.Client.ClientId, cancellationToken);
        await EndAsync(providerId, () => driver.DeleteAsync(connection, orphan.Client.ToRegisteredClient(secrets), cancellationToken));
        await OwnershipOf(providerId, orphan.Client.ClientId).ClearAsync(cancellationToken);
        link.Orphans.Remove(orphan);
        await PersistAsync(cancellationToken);
        Succeeded(IdentityProviderOperationKind.Delete, providerId, orphan.Client.ClientId, correlationId);
    }

    /// <summary>The registration request for what the grants at the provider ask of a client of this type.</summary>
    private ClientRegistrationRequest RequestFor(ProviderView provider, string clientTypeId) =>
        Request(Reconciler.DesiredMetadata(Desired(provider), clientTypeId));

    private void Succeeded(IdentityProviderOperationKind operation, string providerId, string clientId, string correlationId)
    {
        Record(operation, providerId, clientId, "succeeded", null, correlationId);
        ApplicationGrainLog.OperationSucceeded(logger, Id, operation, providerId, clientId, correlationId);
    }
}
