namespace PortalGrains.Abstractions.Providers;

[GenerateSerializer, Immutable]
public sealed record ProviderDiscoveryView(
    [property: Id(0)] string Issuer,
    [property: Id(1)] string JwksUri,
    [property: Id(2)] string TokenEndpoint,
    [property: Id(3)] string? RegistrationEndpoint,
    [property: Id(4)] DateTimeOffset FetchedAt);
