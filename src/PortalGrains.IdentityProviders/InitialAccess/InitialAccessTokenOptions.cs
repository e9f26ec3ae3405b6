using PortalGrains.Configuration;

namespace PortalGrains.IdentityProviders.InitialAccess;

/// <summary>The <c>Portal:IdentityProviders:InitialAccess</c> section: caching of access tokens obtained with a client_credentials grant.</summary>
public sealed class InitialAccessTokenOptions : IProblemReportingOptions
{
    public const string SectionName = "Portal:IdentityProviders:InitialAccess";

    public static readonly FormerConfigurationSection FormerSection = new("IdentityProviders:InitialAccess");

    /// <summary>A cached token is replaced this long before it expires.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to keep a token whose response had no expires_in.</summary>
    public TimeSpan LifetimeWhenUnknown { get; set; } = TimeSpan.FromSeconds(60);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (RefreshBeforeExpiry < TimeSpan.Zero) problems.Add("RefreshBeforeExpiry must not be negative");
        if (LifetimeWhenUnknown < TimeSpan.Zero) problems.Add("LifetimeWhenUnknown must not be negative");
        return problems;
    }
}
