using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Infrastructure;

/// <summary>The upsertProvider input of a dev IdP the tests register: dynamic registration, an m2m and a web client type.</summary>
public static class DevProviderInput
{
    public static object Create(string id, string name, string wellKnownUrl) => new
    {
        id,
        name,
        kind = "OTHER",
        wellKnownUrl,
        initialAccessToken = DevIdentityProvider.InitialAccessToken,
        clientTypes = ClientTypes(),
    };

    /// <summary>An HTTP bridge in front of the dev IdP: the IdP's discovery, the bridge's base URL and API key.</summary>
    public static object HttpBridge(string id, string name, string wellKnownUrl, DevHttpBridge bridge, string? apiKey = null) => new
    {
        id,
        name,
        kind = "HTTP_BRIDGE",
        wellKnownUrl,
        registrationEndpoint = bridge.BaseUrl.ToString(),
        initialAccessToken = apiKey ?? bridge.ApiKey,
        clientTypes = ClientTypes(),
    };

    private static object[] ClientTypes() =>
        new object[]
        {
            new
            {
                id = PortalScenario.M2mClientType, name = "Machine to machine",
                responseTypes = Array.Empty<string>(), grantTypes = new[] { "client_credentials" },
                tokenEndpointAuthMethod = "client_secret_basic",
            },
            new
            {
                id = "web", name = "Web application",
                responseTypes = new[] { "code" }, grantTypes = new[] { "authorization_code", "refresh_token" },
                tokenEndpointAuthMethod = "client_secret_basic",
            },
        };
}
