using PortalGrains.Abstractions.Providers;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Provisioning;

public static class ProviderKindMapping
{
    public static IdentityProviderKind ToDriverKind(this ProviderKind kind) => kind switch
    {
        ProviderKind.Other => IdentityProviderKind.Other,
        ProviderKind.Keycloak => IdentityProviderKind.Keycloak,
        ProviderKind.Okta => IdentityProviderKind.Okta,
        ProviderKind.Curity => IdentityProviderKind.Curity,
        ProviderKind.Gluu => IdentityProviderKind.Gluu,
        ProviderKind.Auth0 => IdentityProviderKind.Auth0,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
