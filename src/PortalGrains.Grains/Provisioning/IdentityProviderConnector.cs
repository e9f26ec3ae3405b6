using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Security;
using PortalGrains.IdentityProviders.Discovery;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Registration;
using DriverConnection = PortalGrains.IdentityProviders.Registration.ProviderConnection;
using GrainConnection = PortalGrains.Abstractions.Providers.ProviderConnection;
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

    /// <summary>Resolves the provider's endpoints (cached discovery) and credentials, and opens a connection.</summary>
    /// <exception cref="IdentityProviderMetadataException">Discovery is unavailable and nothing is cached.</exception>
    /// <exception cref="IdentityProviderException">The discovery document lacks an endpoint the portal needs.</exception>
    public async Task<ConnectedProvider> ConnectAsync(GrainConnection connection, CancellationToken cancellationToken)
    {
        var provider = connection.Provider;
        var discovery = await metadata.GetDiscoveryAsync(MetadataSource(provider), cancellationToken);
        var tokenEndpoint = discovery.TokenEndpoint ?? throw new IdentityProviderException(
            IdentityProviderErrorKind.Permanent,
            IdentityProviderOperation.Register,
            "The identity provider is not configured correctly.",
            $"The discovery document of provider {provider.Id} has no token_endpoint.");
        var registrationEndpoint = provider.RegistrationEndpoint is { } overridden ? new Uri(overridden) : discovery.RegistrationEndpoint;
        var endpoints = new RegistrationEndpoints(new Uri(discovery.Issuer), registrationEndpoint, tokenEndpoint);
        var driverConnection = new DriverConnection(httpClients.CreateClient(HttpSettings(provider)), endpoints, Credentials(connection));
        return new ConnectedProvider(drivers.GetDriver(provider.Kind.ToDriverKind()), driverConnection);
    }

    private ProviderCredentials Credentials(GrainConnection connection)
    {
        if (connection.ProtectedInitialAccessToken is { } protectedToken)
        {
            var token = secrets.Unprotect(protectedToken);
            return connection.Provider.Kind == ProviderKind.Okta ? new OktaApiToken(token) : new StaticInitialAccessToken(token);
        }

        if (connection is { InitialAccessTokenClientId: { } clientId, ProtectedInitialAccessTokenClientSecret: { } protectedSecret })
        {
            var secret = secrets.Unprotect(protectedSecret);
            return connection.Provider.Kind == ProviderKind.Auth0
                ? new Auth0ManagementClient(clientId, secret, connection.InitialAccessTokenClientScope ?? connection.Provider.Discovery?.Issuer ?? "")
                : new ClientCredentialsGrant(clientId, secret, connection.InitialAccessTokenClientScope);
        }

        return NoProviderCredentials.Instance;
    }
}
