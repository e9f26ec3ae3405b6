namespace PortalGrains.IdentityProviders.Discovery;

/// <summary>A snapshot of one cache's counters since it was created (the same events feed its metrics).</summary>
public sealed record ProviderMetadataCacheCounters(
    long DiscoveryFetches,
    long DiscoveryFetchFailures,
    long DiscoveryHits,
    long JwksFetches,
    long JwksFetchFailures,
    long JwksHits,
    long StaleServed,
    long UnknownKidRefreshes,
    long UnknownKidRefreshesSuppressed);
