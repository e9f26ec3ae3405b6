namespace PortalGrains.IdentityProviders.Http;

/// <summary>Hands out HttpClients for calls to one identity provider.</summary>
public interface IIdentityProviderHttpClientFactory
{
    /// <summary>
    /// Returns a client whose requests go through the provider's own handler chain: scheme check, resilience
    /// pipeline (timeouts, retries, circuit breaker of this provider only) and a connection handler that
    /// refuses forbidden addresses. Dispose the client when done; the handler chain is shared and kept.
    /// </summary>
    HttpClient CreateClient(ProviderHttpSettings settings);
}
