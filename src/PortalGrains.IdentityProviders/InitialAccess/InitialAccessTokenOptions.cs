using PortalGrains.Configuration;

namespace PortalGrains.IdentityProviders.InitialAccess;

/// <summary>The <c>Portal:IdentityProviders:InitialAccess</c> section: caching of access tokens obtained with a client_credentials grant.</summary>
public sealed class InitialAccessTokenOptions
{
    public const string SectionName = "Portal:IdentityProviders:InitialAccess";

    public static readonly FormerConfigurationSection FormerSection = new("IdentityProviders:InitialAccess");

    /// <summary>A cached token is replaced this long before it expires.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to keep a token whose response had no expires_in.</summary>
    public TimeSpan LifetimeWhenUnknown { get; set; } = TimeSpan.FromSeconds(60);
}
