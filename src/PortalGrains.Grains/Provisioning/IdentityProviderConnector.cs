using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Security;
using PortalGrains.IdentityProviders.Discovery;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Registration;
using static PortalGrains.Gateway.ProviderMetadataSources;

namespace PortalGrains.Grains.Provisioning;

/// <summary>Turns a provider's stored settings into what the identity provider layer works with.</summary>
public sealed class IdentityProviderConnector(
    IIdentityProviderHttpClientFactory httpClients,
    IProviderMetadataCache metadata,
    ClientRegistrationDriverFactory drivers,
    ISecretProtector secrets)
{
    public IProviderMetadataCache Metadata => metadata;

    /// <summary>The driver for the provider's product.</summary>
    public IClientRegistrationDriver DriverFor(ProviderView provider) => drivers.GetDriver(provider.Kind.ToDriverKind());

    /// <summary>
    /// Resolves the provider's endpoints (cached discovery) and credentials, and opens a connection; the caller
    /// disposes it.
    /// </summary>
    /// <exception cref="IdentityProviderMetadataException">Discovery is unavailable and nothing is cached.</exception>
    /// <exception cref="IdentityProviderException">The discovery document lacks an endpoint the portal needs.</exception>
    public async Task<IdentityProviderConnection> ConnectAsync(ProviderConnectionSettings settings, CancellationToken cancellationToken)
    {
        var provider = settings.Provider;
        var discovery = await metadata.GetDiscoveryAsync(MetadataSource(provider), cancellationToken);
        var tokenEndpoint = discovery.TokenEndpoint ?? throw new IdentityProviderException(
            IdentityProviderErrorKind.Permanent,
            IdentityProviderOperation.Register,
            "The identity provider is not configured correctly.",
            $"The discovery document of provider {provider.Id} has no token_endpoint.");
        var registrationEndpoint = provider.RegistrationEndpoint is { } overridden ? new Uri(overridden) : discovery.RegistrationEndpoint;
        var endpoints = new RegistrationEndpoints(new Uri(discovery.Issuer), registrationEndpoint, tokenEndpoint);
        return new IdentityProviderConnection(httpClients.CreateClient(HttpSettings(provider)), endpoints, Credentials(settings));
    }

    private ProviderCredentials Credentials(ProviderConnectionSettings settings)
    {
        if (settings.ProtectedInitialAccessToken is { } protectedToken)
        {
            var token = secrets.Unprotect(protectedToken);
            return settings.Provider.Kind == ProviderKind.Okta ? new OktaApiToken(token) : new StaticInitialAccessToken(token);
        }

        if (settings is { InitialAccessTokenClientId: { } clientId, ProtectedInitialAccessTokenClientSecret: { } protectedSecret })
        {
            var secret = secrets.Unprotect(protectedSecret);
            return settings.Provider.Kind switch
            {
                ProviderKind.Auth0 => new Auth0ManagementClient(clientId, secret, settings.InitialAccessTokenClientScope ?? settings.Provider.Discovery?.Issuer ?? ""),
                ProviderKind.Entra => new EntraGraphClient(
                    clientId, secret, settings.InitialAccessTokenClientScope ?? EntraGraphClient.DefaultScope, settings.Provider.ApiApplicationId ?? ""),
                _ => new ClientCredentialsGrant(clientId, secret, settings.InitialAccessTokenClientScope),
            };
        }

        return NoProviderCredentials.Instance;
    }
}
