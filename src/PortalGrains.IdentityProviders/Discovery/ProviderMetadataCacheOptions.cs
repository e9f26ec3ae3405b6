using PortalGrains.Configuration;

namespace PortalGrains.IdentityProviders.Discovery;

/// <summary>Lifetimes of cached discovery documents and key sets. Bound from <see cref="SectionName"/>.</summary>
public sealed class ProviderMetadataCacheOptions : IProblemReportingOptions
{
    public const string SectionName = "Portal:IdentityProviders:Discovery";

    public static readonly FormerConfigurationSection FormerSection = new("IdentityProviders:Metadata");

    public TimeSpan DiscoveryTimeToLive { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan JwksTimeToLive { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A token with an unknown kid refreshes the provider's JWKS at most once per this interval, so tokens
    /// with made-up kids cannot turn the portal into a load generator against the IdP.
    /// </summary>
    public TimeSpan UnknownKeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After a failed refresh, the stale copy is served without trying again for this long (a cold entry is
    /// always tried, so a fixed IdP is seen at once).
    /// </summary>
    public TimeSpan FailedRefreshBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (DiscoveryTimeToLive <= TimeSpan.Zero) problems.Add("DiscoveryTimeToLive must be positive");
        if (JwksTimeToLive <= TimeSpan.Zero) problems.Add("JwksTimeToLive must be positive");
        if (UnknownKeyRefreshInterval < TimeSpan.Zero) problems.Add("UnknownKeyRefreshInterval must not be negative");
        if (FailedRefreshBackoff < TimeSpan.Zero) problems.Add("FailedRefreshBackoff must not be negative");
        return problems;
    }
}
