namespace PortalGrains.IdentityProviders.Discovery;

public enum ProviderMetadataKind
{
    Discovery,
    Jwks,
}
