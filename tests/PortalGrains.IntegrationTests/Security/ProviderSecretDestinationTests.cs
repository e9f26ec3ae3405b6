using System.Text.Json;
using System.Text.RegularExpressions;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>
/// A provider's stored secrets follow it only within the origins (scheme, host, port) they were given for: moving its
/// well-known URL or registration endpoint elsewhere needs them again, and a refused move leaves the provider as it was,
/// down to its stored row. A new path on the same origin keeps them.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ProviderSecretDestinationTests(PortalHost host)
{
    private const string UpsertMutation = """
        mutation($input: UpsertProviderInput!) {
          upsertProvider(input: $input) { provider { id wellKnownUrl registrationEndpoint hasInitialAccessToken } errors { code message field } }
        }
        """;

    private static readonly DevIdentityProvider Idp = DevIdentityProvider.Shared;

    /// <summary>The same dev IdP under another host name: a host the stored token was never given for.</summary>
    private static string OtherHostWellKnownUrl => new UriBuilder(Idp.WellKnownUrl) { Host = "localhost" }.Uri.AbsoluteUri;

    [Fact]
    public async Task A_new_well_known_host_without_the_token_is_refused_and_the_provider_stays_byte_identical()
    {
        var (admin, id) = await ProviderWithAsync(new { initialAccessToken = DevIdentityProvider.InitialAccessToken });
        var before = await ProviderAsync(admin, id);
        var rowBefore = await StoredRowAsync(id);

        var payload = await UpsertAsync(admin, id, OtherHostWellKnownUrl, registrationEndpoint: null, credentials: null);

        AssertSecretRequired(payload, "initialAccessToken", "wellKnownUrl");
        Assert.Equal(before, await ProviderAsync(admin, id));
        Assert.Equal(rowBefore, await StoredRowAsync(id));
    }

    [Fact]
    public async Task A_registration_endpoint_on_a_new_host_without_the_client_secret_is_refused_and_the_provider_stays_byte_identical()
    {
        var (admin, id) = await ProviderWithAsync(new
        {
            initialAccessTokenClient = new { clientId = "registrar", clientSecret = "registrar-secret-" + Guid.NewGuid().ToString("N"), scope = "register" },
        });
        var before = await ProviderAsync(admin, id);
        var rowBefore = await StoredRowAsync(id);

        var otherPort = new UriBuilder(Idp.IssuerText + "/reg") { Port = Idp.Issuer.Port + 1 }.Uri.AbsoluteUri;
        var payload = await UpsertAsync(admin, id, Idp.WellKnownUrl, otherPort, credentials: null);

        AssertSecretRequired(payload, "initialAccessTokenClient", "registrationEndpoint");
        Assert.Equal(before, await ProviderAsync(admin, id));
        Assert.Equal(rowBefore, await StoredRowAsync(id));
    }

    [Fact]
    public async Task A_new_host_with_the_token_given_again_is_accepted()
    {
        var (admin, id) = await ProviderWithAsync(new { initialAccessToken = DevIdentityProvider.InitialAccessToken });

        var payload = await UpsertAsync(admin, id, OtherHostWellKnownUrl, registrationEndpoint: null,
            credentials: new { initialAccessToken = DevIdentityProvider.InitialAccessToken });

        Assert.Empty(payload.GetProperty("errors").EnumerateArray());
        var provider = payload.GetProperty("provider");
        Assert.Equal(OtherHostWellKnownUrl, provider.GetProperty("wellKnownUrl").GetString());
        Assert.True(provider.GetProperty("hasInitialAccessToken").GetBoolean());
    }

    [Fact]
    public async Task A_new_path_on_the_same_origin_keeps_the_stored_token_without_giving_it_again()
    {
        var (admin, id) = await ProviderWithAsync(new { initialAccessToken = DevIdentityProvider.InitialAccessToken });
        var rowBefore = await StoredRowAsync(id);
        var newPath = Idp.IssuerText + "/register";

        var payload = await UpsertAsync(admin, id, Idp.WellKnownUrl, newPath, credentials: null);

        Assert.Empty(payload.GetProperty("errors").EnumerateArray());
        var provider = payload.GetProperty("provider");
        Assert.Equal(newPath, provider.GetProperty("registrationEndpoint").GetString());
        Assert.True(provider.GetProperty("hasInitialAccessToken").GetBoolean());
        Assert.Equal(ProtectedToken(rowBefore), ProtectedToken(await StoredRowAsync(id)));
    }

    private async Task<(string Admin, string Id)> ProviderWithAsync(object credentials)
    {
        var admin = await new PortalScenario(host, Idp).AdminTokenAsync();
        var id = "prov-moving-" + Guid.NewGuid().ToString("N")[..10];
        var created = await UpsertAsync(admin, id, Idp.WellKnownUrl, registrationEndpoint: null, credentials);
        Assert.True(created.GetProperty("errors").GetArrayLength() == 0, created.ToString());
        return (admin, id);
    }

    private async Task<JsonElement> UpsertAsync(string admin, string id, string wellKnownUrl, string? registrationEndpoint, object? credentials)
    {
        var input = new Dictionary<string, object?>
        {
            ["id"] = id,
            ["name"] = "Moving provider",
            ["kind"] = "OTHER",
            ["wellKnownUrl"] = wellKnownUrl,
            ["registrationEndpoint"] = registrationEndpoint,
            ["clientTypes"] = new object[]
            {
                new { id = PortalScenario.M2mClientType, name = "M2M", responseTypes = Array.Empty<string>(), grantTypes = new[] { "client_credentials" }, tokenEndpointAuthMethod = "client_secret_basic" },
            },
        };
        foreach (var property in credentials?.GetType().GetProperties() ?? [])
        {
            input[property.Name] = property.GetValue(credentials);
        }

        return (await host.GraphQL.SendAsync(UpsertMutation, new { input }, admin)).At("upsertProvider");
    }

    private async Task<string> ProviderAsync(string admin, string id) =>
        (await host.GraphQL.SendAsync(
            """
            query($id: ID!) {
              provider(id: $id) { id name kind wellKnownUrl registrationEndpoint hasInitialAccessToken sslInsecureSkipVerify updatedAt clientTypes { id name } }
            }
            """,
            new { id }, admin)).At("provider").ToString();

    private async Task<string> StoredRowAsync(string id)
    {
        var rows = await StoredRows.GrainStateOfAsync(host.ServiceId);
        return Convert.ToBase64String(Assert.Single(rows, r => r.PartitionKey.EndsWith("~." + id, StringComparison.Ordinal)).Payload);
    }

    private static string ProtectedToken(string storedRow)
    {
        var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(storedRow));
        var match = Regex.Match(text, "\"ProtectedInitialAccessToken\"\\s*:\\s*\"([^\"]+)\"");
        Assert.True(match.Success, "no ProtectedInitialAccessToken in the stored provider");
        return match.Groups[1].Value;
    }

    private static void AssertSecretRequired(JsonElement payload, string field, string movedUrl)
    {
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("provider").ValueKind);
        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("SECRET_REQUIRED", error.GetProperty("code").GetString());
        Assert.Equal(["input", field], error.GetProperty("field").EnumerateArray().Select(f => f.GetString()!).ToArray());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains(movedUrl, message, StringComparison.Ordinal);
        Assert.Contains("again", message, StringComparison.Ordinal);
        Assert.Contains("host", message, StringComparison.Ordinal);
    }
}
