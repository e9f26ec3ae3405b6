using PortalGrains.Abstractions.Providers;

namespace PortalGrains.Grains.Providers;

[GenerateSerializer]
public sealed class ProviderState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public ProviderKind Kind { get; set; }
    [Id(3)] public string WellKnownUrl { get; set; } = "";
    [Id(4)] public string? RegistrationEndpoint { get; set; }
    [Id(5)] public string? ProtectedInitialAccessToken { get; set; }
    [Id(6)] public string? InitialAccessTokenClientId { get; set; }
    [Id(7)] public string? ProtectedInitialAccessTokenClientSecret { get; set; }
    [Id(8)] public string? InitialAccessTokenClientScope { get; set; }
    [Id(9)] public bool SslInsecureSkipVerify { get; set; }
    [Id(10)] public List<ClientTypeSpec> ClientTypes { get; set; } = [];
    [Id(11)] public long Version { get; set; }
    [Id(12)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(13)] public string? UpdatedBy { get; set; }

    /// <summary>Entra ID: the application id of the API's app registration (null for other kinds, and in state stored before it existed).</summary>
    [Id(14)] public string? ApiApplicationId { get; set; }
}
