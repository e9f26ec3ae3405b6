namespace PortalGrains.IdentityProviders.Registration;

/// <summary>The identity provider product, as in the GraphQL enum IdentityProviderKind (OTHER, KEYCLOAK, ...).</summary>
public enum IdentityProviderKind
{
    /// <summary>Any RFC 7591/7592 authorization server (the default driver).</summary>
    Other,
    Keycloak,
    Okta,
    Curity,
    Gluu,
    Auth0,

    /// <summary>A customer's service implementing Kong Konnect's DCR HTTP integration, in front of any identity provider.</summary>
    HttpBridge,

    /// <summary>Microsoft Entra ID, through Microsoft Graph (it has no RFC 7591 endpoint).</summary>
    Entra,
}
