namespace PortalGrains.Abstractions.Providers;

/// <summary>
/// What an application grain needs to call a provider's identity provider: settings and the provider's
/// secrets still encrypted (the caller decrypts them with the shared key ring just before use).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ProviderConnectionSettings(
    [property: Id(0)] ProviderView Provider,
    [property: Id(1)] string? ProtectedInitialAccessToken,
    [property: Id(2)] string? InitialAccessTokenClientId,
    [property: Id(3)] string? ProtectedInitialAccessTokenClientSecret,
    [property: Id(4)] string? InitialAccessTokenClientScope);
