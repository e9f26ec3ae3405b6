using PortalGrains.IdentityProviders.InitialAccess;

namespace PortalGrains.IdentityProviders.Registration;

/// <summary>
/// Everything a driver needs to talk to one identity provider: the HttpClient configured for it (TLS options,
/// resilience pipeline), its endpoints and the credentials of the registration call.
/// </summary>
public sealed class ProviderConnection(HttpClient http, RegistrationEndpoints endpoints, ProviderCredentials credentials)
{
    public HttpClient Http { get; } = http;

    public RegistrationEndpoints Endpoints { get; } = endpoints;

    public ProviderCredentials Credentials { get; } = credentials;

    public override string ToString() => $"ProviderConnection {{ Issuer = {Endpoints.Issuer}, Credentials = {Credentials} }}";
}
