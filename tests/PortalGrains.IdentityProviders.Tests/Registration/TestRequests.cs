using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.IdentityProviders.Tests.Registration;

/// <summary>Registration requests with a fresh portal application id each time.</summary>
internal static class TestRequests
{
    public static string NewApplicationId() => "app-" + Guid.NewGuid().ToString("N")[..12];

    public static ClientRegistrationRequest ClientCredentials(params string[] scopes) =>
        new(
            NewApplicationId(),
            "Orders reporting",
            new ClientMetadata
            {
                GrantTypes = ["client_credentials"],
                TokenEndpointAuthMethod = "client_secret_basic",
                Scopes = scopes,
            });

    public static ClientRegistrationRequest AuthorizationCode(string redirectUri, params string[] scopes) =>
        new(
            NewApplicationId(),
            "Orders web",
            new ClientMetadata
            {
                GrantTypes = ["authorization_code"],
                ResponseTypes = ["code"],
                RedirectUris = [redirectUri],
                TokenEndpointAuthMethod = "client_secret_basic",
                Scopes = scopes,
            });
}
