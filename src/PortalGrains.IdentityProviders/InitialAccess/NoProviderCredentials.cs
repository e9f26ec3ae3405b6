namespace PortalGrains.IdentityProviders.InitialAccess;

/// <summary>Open registration: the registration endpoint takes requests without a token.</summary>
public sealed record NoProviderCredentials : ProviderCredentials
{
    public static NoProviderCredentials Instance { get; } = new();
}
