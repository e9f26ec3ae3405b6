using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Providers;

/// <summary>A provider as admins see it: settings without secrets, and the discovery state.</summary>
[GenerateSerializer, Immutable]
public sealed record ProviderView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] ProviderKind Kind,
    [property: Id(3)] string WellKnownUrl,
    [property: Id(4)] string? RegistrationEndpoint,
    [property: Id(5)] bool HasInitialAccessToken,
    [property: Id(6)] bool SslInsecureSkipVerify,
    [property: Id(7)] ImmutableArray<ClientTypeSpec> ClientTypes,
    [property: Id(8)] ProviderDiscoveryView? Discovery,
    [property: Id(9)] string? DiscoveryError,
    [property: Id(10)] long Version,
    [property: Id(11)] DateTimeOffset UpdatedAt)
{
    /// <summary>Entra ID: the application id of the API's app registration, whose app roles are the product and plan scopes.</summary>
    [Id(12)] public string? ApiApplicationId { get; init; }

    public ClientTypeSpec? FindClientType(string id) => ClientTypes.FirstOrDefault(t => t.Id == id);
}
