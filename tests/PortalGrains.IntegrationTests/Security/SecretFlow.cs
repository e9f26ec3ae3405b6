using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>
/// A full flow through a host that hands it every kind of secret: a provider with the dev IdP's initial access token
/// (used for registration), one with a unique static initial access token, one with a client that fetches initial
/// tokens (its secret unique), connection checks of both, checkout, approval, the owner reading the client secret,
/// and a rotation. What it returns is what must never be stored or logged in plaintext.
/// </summary>
public sealed class SecretFlow
{
    private SecretFlow()
    {
    }

    public string ApplicationId { get; private init; } = "";

    public string ClientId { get; private init; } = "";

    public string RegistrationProviderId { get; private init; } = "";

    public string StaticTokenProviderId { get; private init; } = "";

    public string TokenClientProviderId { get; private init; } = "";

    /// <summary>The initial access token of the provider registrations go through (the dev IdP's).</summary>
    public string RegistrationInitialAccessToken { get; private init; } = "";

    public string UniqueInitialAccessToken { get; private init; } = "";

    public string InitialTokenClientSecret { get; private init; } = "";

    public string ClientSecret { get; private init; } = "";

    public string RotatedClientSecret { get; private init; } = "";

    public IReadOnlyList<string> LoginTokens { get; private init; } = [];

    /// <summary>The secrets given to or issued through the portal, by name.</summary>
    public IReadOnlyDictionary<string, string> StoredSecrets => new Dictionary<string, string>
    {
        ["the registration provider's initial access token"] = RegistrationInitialAccessToken,
        ["a unique static initial access token"] = UniqueInitialAccessToken,
        ["the secret of an initial-token client"] = InitialTokenClientSecret,
        ["the client secret issued by the IdP"] = ClientSecret,
        ["the rotated client secret"] = RotatedClientSecret,
    };

    public static async Task<SecretFlow> RunAsync(PortalHost host)
    {
        var idp = DevIdentityProvider.Shared;
        var portal = new PortalScenario(host, idp);
        var suffix = Guid.NewGuid().ToString("N");
        var admin = await portal.AdminTokenAsync();
        var owner = await portal.DeveloperTokenAsync("sam");
        await portal.CreateProviderAsync(admin);

        var uniqueToken = "iat-" + suffix;
        var tokenClientSecret = "iat-client-secret-" + suffix;
        var staticProvider = await UpsertProviderAsync(host, admin, "prov-static-" + suffix[..10], new { initialAccessToken = uniqueToken });
        var clientProvider = await UpsertProviderAsync(host, admin, "prov-client-" + suffix[..10],
            new { initialAccessTokenClient = new { clientId = "iat-client-" + suffix[..10], clientSecret = tokenClientSecret, scope = "registration" } });
        foreach (var providerId in new[] { staticProvider, clientProvider })
        {
            // The client one fails at the IdP (unknown client): the failure must not carry the secret either.
            (await host.GraphQL.SendAsync("""
                mutation($input: TestProviderConnectionInput!) { testProviderConnection(input: $input) { steps { name succeeded detail } errors { code } } }
                """, new { input = new { id = providerId } }, admin)).Payload("testProviderConnection");
        }

        var product = await portal.CreateProductAsync(admin, "secrets", "secrets.read");
        var plan = await portal.CreatePlanAsync(admin, "secrets", autoApprove: false, "plan.secrets");
        var (requestId, applicationId) = await portal.CheckoutAsync(owner, product, plan);
        var approved = await portal.ApproveAsync(admin, requestId);
        Assert.True(approved.GetProperty("status").GetString() == "ACTIVE", "approval: " + approved);
        var credentials = Assert.Single((await portal.CredentialsAsync(owner, applicationId)).GetProperty("credentials").EnumerateArray());

        (await host.GraphQL.SendAsync("""
            mutation($input: RotateSecretInput!) { rotateClientSecret(input: $input) { application { id } errors { code message } } }
            """, new { input = new { applicationId, providerId = portal.ProviderId } }, owner)).Payload("rotateClientSecret");
        var rotated = Assert.Single((await portal.CredentialsAsync(owner, applicationId)).GetProperty("credentials").EnumerateArray());
        var secret = credentials.GetProperty("clientSecret").GetString()!;
        var rotatedSecret = rotated.GetProperty("clientSecret").GetString()!;
        Assert.NotEqual(secret, rotatedSecret);

        return new SecretFlow
        {
            ApplicationId = applicationId,
            ClientId = rotated.GetProperty("clientId").GetString()!,
            RegistrationProviderId = portal.ProviderId,
            StaticTokenProviderId = staticProvider,
            TokenClientProviderId = clientProvider,
            RegistrationInitialAccessToken = DevIdentityProvider.InitialAccessToken,
            UniqueInitialAccessToken = uniqueToken,
            InitialTokenClientSecret = tokenClientSecret,
            ClientSecret = secret,
            RotatedClientSecret = rotatedSecret,
            LoginTokens = [admin, owner],
        };
    }

    private static async Task<string> UpsertProviderAsync(PortalHost host, string admin, string id, object credentials)
    {
        var input = JsonSerializer.SerializeToNode(new
        {
            id, name = "Secrets " + id, kind = "OTHER", wellKnownUrl = DevIdentityProvider.Shared.WellKnownUrl,
            clientTypes = new[] { new { id = "m2m", name = "M2M", responseTypes = Array.Empty<string>(), grantTypes = new[] { "client_credentials" }, tokenEndpointAuthMethod = "client_secret_basic" } },
        })!.AsObject();
        foreach (var (name, value) in JsonSerializer.SerializeToNode(credentials)!.AsObject())
        {
            input[name] = value?.DeepClone();
        }

        var response = await host.GraphQL.SendAsync("""
            mutation($input: UpsertProviderInput!) { upsertProvider(input: $input) { provider { id hasInitialAccessToken } errors { code message } } }
            """, new { input }, admin);
        var provider = response.Payload("upsertProvider").GetProperty("provider");
        Assert.True(provider.GetProperty("hasInitialAccessToken").GetBoolean(), response.ToString());
        return id;
    }
}
