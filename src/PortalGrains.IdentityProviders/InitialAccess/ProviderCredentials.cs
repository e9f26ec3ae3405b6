namespace PortalGrains.IdentityProviders.InitialAccess;

/// <summary>
/// What authorizes the portal's registration calls at an identity provider. The derived records never print their
/// secrets in ToString().
/// </summary>
public abstract record ProviderCredentials;
