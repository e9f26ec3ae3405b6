namespace PortalGrains.IdentityProviders.Discovery;

/// <summary>The last failed fetch of a provider's metadata (cleared by the next successful fetch of that kind).</summary>
public sealed record ProviderMetadataError(ProviderMetadataKind Kind, string Message, DateTimeOffset At);
