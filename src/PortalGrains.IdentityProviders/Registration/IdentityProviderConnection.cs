using PortalGrains.IdentityProviders.InitialAccess;

namespace PortalGrains.IdentityProviders.Registration;

/// <summary>
/// Everything a driver needs to talk to one identity provider: the HttpClient configured for it (TLS options,
/// resilience pipeline), its endpoints and the credentials of the registration call. Disposing it disposes the
/// HttpClient.
/// </summary>
public sealed class IdentityProviderConnection(HttpClient http, RegistrationEndpoints endpoints, ProviderCredentials credentials) : IDisposable
{
    public HttpClient Http { get; } = http;

    public RegistrationEndpoints Endpoints { get; } = endpoints;

    public ProviderCredentials Credentials { get; } = credentials;

    public void Dispose() => Http.Dispose();

    public override string ToString() => $"IdentityProviderConnection {{ Issuer = {Endpoints.Issuer}, Credentials = {Credentials} }}";
}
