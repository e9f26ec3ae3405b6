namespace PortalGrains.Grains.Applications;

public enum IdentityProviderOperationKind
{
    Register,
    Update,
    Delete,
    RotateSecret,
    Import,
}
