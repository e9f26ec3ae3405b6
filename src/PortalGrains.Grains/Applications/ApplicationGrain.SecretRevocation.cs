using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Applications;

/// <summary>
/// Previous secrets of a client whose identity provider keeps several (Entra ID): a rotation adds a secret, and the
/// previous one is revoked when its grace period is over, the client staying the application's.
/// </summary>
partial class ApplicationGrain
{
    private async Task RevokePreviousSecretAsync(
        OrphanClient orphan, IClientRegistrationDriver driver, IdentityProviderConnection connection, string correlationId, CancellationToken cancellationToken)
    {
        var providerId = orphan.ProviderId;
        var clientId = orphan.Client.ClientId;
        string? detail = null;
        if (driver is IPreviousSecretRevocation revocation)
        {
            await BeginAsync(IdentityProviderOperationKind.RevokeSecret, providerId, clientId, cancellationToken);
            var outcome = await EndAsync(providerId, () => revocation.RevokeSecretAsync(connection, orphan.Client.ToRegisteredClient(secrets), cancellationToken));
            detail = outcome == ClientDeletionOutcome.AlreadyGone ? "the secret was already gone" : null;
        }
        else
        {
            detail = $"the {driver.Kind} driver cannot revoke a single secret; it stops working when it expires";
        }

        Link(providerId).Orphans.Remove(orphan);
        await PersistAsync(cancellationToken);
        Record(IdentityProviderOperationKind.RevokeSecret, providerId, clientId, "succeeded", detail, correlationId);
        ApplicationGrainLog.OperationSucceeded(logger, Id, IdentityProviderOperationKind.RevokeSecret, providerId, clientId, correlationId);
    }
}
