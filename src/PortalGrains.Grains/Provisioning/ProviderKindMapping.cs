using PortalGrains.Abstractions.Providers;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Provisioning;

/// <summary>
/// The stored provider kind to the driver kind: two enums because Abstractions and the identity provider layer do not
/// depend on each other. A new kind goes into both enums and here (ProviderKindMappingTests checks it).
/// </summary>
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
        ProviderKind.HttpBridge => IdentityProviderKind.HttpBridge,
        ProviderKind.Entra => IdentityProviderKind.Entra,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
