namespace PortalGrains.IdentityProviders.Registration;

/// <summary>
/// An optional capability of a driver whose identity provider keeps several secrets per client (Entra ID's password
/// credentials): a rotation adds a secret (<see cref="RotationStrategy.AdditionalSecret"/>) and the previous one is
/// revoked here once its grace period is over.
/// </summary>
public interface IPreviousSecretRevocation
{
    /// <summary>
    /// Revokes the secret <paramref name="previous"/> held (the <see cref="RotationResult.PreviousClient"/> of a
    /// rotation); the client and its other secrets stay. A secret or client already gone is not an error.
    /// </summary>
    Task<ClientDeletionOutcome> RevokeSecretAsync(
        IdentityProviderConnection provider, RegisteredClient previous, CancellationToken cancellationToken = default);
}
