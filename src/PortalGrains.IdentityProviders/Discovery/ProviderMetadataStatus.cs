namespace PortalGrains.IdentityProviders.Discovery;

/// <summary>
/// What the cache holds for a provider, without fetching anything: for an admin view that shows
/// "discovery: null" together with the reason.
/// </summary>
public sealed record ProviderMetadataStatus(
    string ProviderId,
    long SettingsVersion,
    ProviderDiscoveryDocument? Discovery,
    ProviderKeySet? KeySet)
{
    /// <summary>Why the last discovery fetch failed; null once one succeeds.</summary>
    public ProviderMetadataError? DiscoveryError { get; init; }

    /// <summary>Why the last JWKS fetch failed; null once one succeeds.</summary>
    public ProviderMetadataError? JwksError { get; init; }

    /// <summary>The more recent of <see cref="DiscoveryError"/> and <see cref="JwksError"/>.</summary>
    public ProviderMetadataError? LastError =>
        DiscoveryError is null ? JwksError
        : JwksError is null ? DiscoveryError
        : JwksError.At >= DiscoveryError.At ? JwksError : DiscoveryError;

    /// <summary>Discovery documents fetched for this entry (successful or not).</summary>
    public long DiscoveryFetches { get; init; }

    /// <summary>Key sets fetched for this entry (successful or not).</summary>
    public long JwksFetches { get; init; }
}
