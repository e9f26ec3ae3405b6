namespace PortalGrains.IdentityProviders.Registration;

public enum RotationStrategy
{
    /// <summary>The identity provider issued a new secret for the same client id.</summary>
    InPlace,

    /// <summary>
    /// The identity provider has no rotation API: a replacement client with the same metadata was registered.
    /// The caller hands the new credentials over, then deletes the previous client.
    /// </summary>
    ReplacementClient,

    /// <summary>
    /// The identity provider added a new secret to the same client and the previous one keeps working until it is
    /// revoked (Entra ID's addPassword / removePassword): the caller hands the new secret over, then revokes the
    /// previous one with <see cref="IPreviousSecretRevocation"/> after its grace period.
    /// </summary>
    AdditionalSecret,
}
