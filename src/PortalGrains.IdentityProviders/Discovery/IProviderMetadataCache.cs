using Microsoft.IdentityModel.Tokens;

namespace PortalGrains.IdentityProviders.Discovery;

/// <summary>Discovery documents and key sets of identity providers, cached per provider.</summary>
public interface IProviderMetadataCache
{
    /// <summary>
    /// The provider's discovery document: cached, or fetched once for all concurrent callers. While the IdP
    /// fails, the last good copy is returned (see <see cref="GetStatus"/> for the failure).
    /// </summary>
    /// <exception cref="IdentityProviderMetadataException">Nothing is cached and the fetch failed or the document was rejected.</exception>
    Task<ProviderDiscoveryDocument> GetDiscoveryAsync(ProviderMetadataSource source, CancellationToken cancellationToken = default);

    /// <summary>The provider's JWKS, with the same caching rules as the discovery document.</summary>
    /// <exception cref="IdentityProviderMetadataException">Nothing is cached and the fetch failed or the key set was rejected.</exception>
    Task<ProviderKeySet> GetKeySetAsync(ProviderMetadataSource source, CancellationToken cancellationToken = default);

    /// <summary>
    /// The signing keys for a token's <paramref name="kid"/> (all signing keys when it is null or empty). An
    /// unknown kid refreshes the JWKS at most once per <see cref="ProviderMetadataCacheOptions.UnknownKeyRefreshInterval"/>;
    /// concurrent callers share that refresh. Empty when the kid stays unknown.
    /// </summary>
    Task<IReadOnlyList<SecurityKey>> GetSigningKeysAsync(
        ProviderMetadataSource source, string? kid, CancellationToken cancellationToken = default);

    /// <summary>What is cached for the provider and its last failure, without fetching; null when nothing is.</summary>
    ProviderMetadataStatus? GetStatus(string providerId);

    /// <summary>Drops the provider's entry; the next read fetches. Returns false when nothing was cached.</summary>
    bool Invalidate(string providerId);
}
