namespace PortalGrains.IdentityProviders.Discovery;

/// <summary>The cached metadata of one provider, for one version of its settings.</summary>
internal sealed class ProviderMetadataEntry(ProviderMetadataSource source, TimeProvider timeProvider)
{
    public ProviderMetadataSource Source { get; } = source;

    public SingleFlightSlot<ProviderDiscoveryDocument> Discovery { get; } = new(timeProvider);

    public SingleFlightSlot<ProviderKeySet> Jwks { get; } = new(timeProvider);
}
