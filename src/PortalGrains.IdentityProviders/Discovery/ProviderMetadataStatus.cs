namespace PortalGrains.IdentityProviders.Discovery;

/// <summary>
/// What the cache holds for a provider, without fetching anything: for an admin view that shows
/// "discovery: null" together with the reason.
/// </summary>
public sealed record ProviderMetadataStatus(
    string ProviderId,
    long SettingsVersion,
    ProviderDiscoveryDocument? Discovery,
    ProviderKeySet? KeySet,
    ProviderMetadataError? LastError)
{
    /// <summary>Discovery documents fetched for this entry (successful or not).</summary>
    public long DiscoveryFetches { get; init; }

    /// <summary>Key sets fetched for this entry (successful or not).</summary>
    public long JwksFetches { get; init; }
}
