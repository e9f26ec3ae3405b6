namespace PortalGrains.Abstractions.Providers;

/// <summary>The identity provider products the portal knows how to register clients at.</summary>
public enum ProviderKind
{
    Other,
    Keycloak,
    Okta,
    Curity,
    Gluu,
    Auth0,
    HttpBridge,

    /// <summary>Microsoft Entra ID, through Microsoft Graph.</summary>
    Entra,
}
