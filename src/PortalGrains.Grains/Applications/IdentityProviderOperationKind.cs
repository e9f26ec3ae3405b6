namespace PortalGrains.Grains.Applications;

public enum IdentityProviderOperationKind
{
    Register,
    Update,
    Delete,
    RotateSecret,

    /// <summary>A previous secret of the current client revoked after its grace period (Entra ID's removePassword).</summary>
    RevokeSecret,

    /// <summary>A client that existed at the provider adopted by the application.</summary>
    Import,
}
