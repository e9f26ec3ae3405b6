using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Providers;

/// <summary>An admin's settings for a provider. Secrets travel once, to the provider grain, which encrypts them.</summary>
[GenerateSerializer, Immutable]
public sealed record ProviderUpsert(
    [property: Id(0)] string Name,
    [property: Id(1)] ProviderKind Kind,
    [property: Id(2)] string WellKnownUrl,
    [property: Id(3)] string? RegistrationEndpoint,
    [property: Id(4)] string? InitialAccessToken,
    [property: Id(5)] ClientCredentialsSecret? InitialAccessTokenClient,
    [property: Id(6)] bool SslInsecureSkipVerify,
    [property: Id(7)] ImmutableArray<ClientTypeSpec> ClientTypes)
{
    /// <summary>Entra ID: the application id of the API's app registration, whose app roles are the product and plan scopes.</summary>
    [Id(8)] public string? ApiApplicationId { get; init; }

    public override string ToString() =>
        $"ProviderUpsert {{ Name = {Name}, Kind = {Kind}, WellKnownUrl = {WellKnownUrl}, HasInitialAccessToken = {InitialAccessToken is not null} }}";
}
