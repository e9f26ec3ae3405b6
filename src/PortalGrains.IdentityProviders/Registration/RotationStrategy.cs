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
}
