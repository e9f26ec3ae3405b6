namespace PortalGrains.IdentityProviders.Discovery;

/// <summary>The parts of a provider's discovery document the portal uses, and the document itself.</summary>
public sealed record ProviderDiscoveryDocument(
    string Issuer,
    Uri? JwksUri,
    Uri? TokenEndpoint,
    Uri? RegistrationEndpoint,
    DateTimeOffset FetchedAt)
{
    public IReadOnlyList<string> TokenEndpointAuthMethodsSupported { get; init; } = [];

    public IReadOnlyList<string> GrantTypesSupported { get; init; } = [];

    public IReadOnlyList<string> ScopesSupported { get; init; } = [];

    /// <summary>The document as received (public metadata, no secrets), for vendor-specific fields.</summary>
    public string RawJson { get; init; } = "{}";
}
