using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>
/// Provider URLs that would make the portal call into the cloud metadata service, link-local or otherwise
/// unroutable addresses, or use schemes other than http(s): upsertProvider refuses them with a user error before
/// anything is stored, so no request is ever sent there (host names are checked again at connect time by the IdP layer).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class HostileProviderUrlTests(PortalHost host)
{
    private const string UpsertMutation = """
        mutation($input: UpsertProviderInput!) {
          upsertProvider(input: $input) { provider { id wellKnownUrl } errors { code message field } }
        }
        """;

    /// <summary>A refused URL and a word the error message must contain.</summary>
    public static TheoryData<string, string> RefusedUrls => new()
    {
        { "http://169.254.169.254/latest/meta-data/iam/security-credentials/", "169.254.169.254" },
        { "https://169.254.169.254/.well-known/openid-configuration", "metadata" },
        { "https://169.254.170.2/.well-known/openid-configuration", "link-local" },
        { "https://[fe80::1]/.well-known/openid-configuration", "link-local" },
        { "http://[fe80::1]/.well-known/openid-configuration", "link-local" },
        { "https://[fd00:ec2::254]/.well-known/openid-configuration", "metadata" },
        { "https://[::ffff:169.254.169.254]/.well-known/openid-configuration", "metadata" },
        { "https://2852039166/.well-known/openid-configuration", "metadata" },
        { "https://0.0.0.0/.well-known/openid-configuration", "0.0.0.0" },
        { "https://224.0.0.1/.well-known/openid-configuration", "multicast" },
        { "ftp://idp.example.com/.well-known/openid-configuration", "http" },
        { "file:///etc/passwd", "http" },
        { "gopher://idp.example.com/", "http" },
        { "https://admin:secret@idp.example.com/.well-known/openid-configuration", "user information" },
    };

    [Theory]
    [MemberData(nameof(RefusedUrls))]
    public async Task A_new_provider_with_it_as_well_known_url_is_refused_and_not_stored(string url, string reason)
    {
        var admin = await AdminAsync();
        var id = "prov-hostile-" + Guid.NewGuid().ToString("N")[..10];
        var before = await ProviderIdsAsync(admin);

        var payload = await UpsertAsync(admin, id, url, registrationEndpoint: null);

        AssertUrlError(payload, "wellKnownUrl", reason);
        var after = await host.GraphQL.SendAsync("query($id: ID!) { provider(id: $id) { id } }", new { id }, admin);
        Assert.Equal(JsonValueKind.Null, after.At("provider").ValueKind);
        Assert.Equal(before, await ProviderIdsAsync(admin));
    }

    [Theory]
    [MemberData(nameof(RefusedUrls))]
    public async Task A_registration_endpoint_override_pointing_there_is_refused_and_the_provider_keeps_its_settings(string url, string reason)
    {
        var world = await HostileInputWorld.ForAsync(host);
        var admin = world.AdminToken;
        var before = await ProviderAsync(admin, world.Portal.ProviderId);

        var payload = await UpsertAsync(admin, world.Portal.ProviderId, DevIdentityProvider.Shared.WellKnownUrl, url);

        AssertUrlError(payload, "registrationEndpoint", reason);
        Assert.Equal(before, await ProviderAsync(admin, world.Portal.ProviderId));
    }

    [Fact]
    public async Task Moving_an_existing_provider_to_the_metadata_address_is_refused_and_its_settings_stay()
    {
        var world = await HostileInputWorld.ForAsync(host);
        var before = await ProviderAsync(world.AdminToken, world.Portal.ProviderId);

        var payload = await UpsertAsync(world.AdminToken, world.Portal.ProviderId, "https://169.254.169.254/.well-known/openid-configuration", null);

        AssertUrlError(payload, "wellKnownUrl", "metadata");
        Assert.Equal(before, await ProviderAsync(world.AdminToken, world.Portal.ProviderId));
    }

    [Theory]
    [InlineData("https://idp.attacker.example/.well-known/openid-configuration", null, "wellKnownUrl")]
    [InlineData(null, "https://collector.attacker.example/register", "registrationEndpoint")]
    [InlineData(null, "https://127.0.0.1:1/register", "registrationEndpoint")]
    public async Task Moving_a_provider_to_a_host_of_the_callers_choice_without_its_token_is_refused_and_its_settings_stay(
        string? wellKnownUrl, string? registrationEndpoint, string movedField)
    {
        var world = await HostileInputWorld.ForAsync(host);
        var before = await ProviderAsync(world.AdminToken, world.Portal.ProviderId);

        var payload = await UpsertAsync(world.AdminToken, world.Portal.ProviderId,
            wellKnownUrl ?? DevIdentityProvider.Shared.WellKnownUrl, registrationEndpoint, withToken: false);

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("provider").ValueKind);
        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("SECRET_REQUIRED", error.GetProperty("code").GetString());
        Assert.Equal(["input", "initialAccessToken"], error.GetProperty("field").EnumerateArray().Select(f => f.GetString()!).ToArray());
        Assert.Contains(movedField, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await ProviderAsync(world.AdminToken, world.Portal.ProviderId));
    }

    private async Task<string> AdminAsync() => (await HostileInputWorld.ForAsync(host)).AdminToken;

    private async Task<JsonElement> UpsertAsync(string admin, string id, string wellKnownUrl, string? registrationEndpoint, bool withToken = true) =>
        (await host.GraphQL.SendAsync(UpsertMutation, new
        {
            input = new
            {
                id, name = "Hostile provider", kind = "OTHER", wellKnownUrl, registrationEndpoint,
                initialAccessToken = withToken ? DevIdentityProvider.InitialAccessToken : null,
                clientTypes = new object[]
                {
                    new { id = PortalScenario.M2mClientType, name = "M2M", responseTypes = Array.Empty<string>(), grantTypes = new[] { "client_credentials" }, tokenEndpointAuthMethod = "client_secret_basic" },
                    new { id = "web", name = "Web", responseTypes = new[] { "code" }, grantTypes = new[] { "authorization_code", "refresh_token" }, tokenEndpointAuthMethod = "client_secret_basic" },
                },
            },
        }, admin)).At("upsertProvider");

    private async Task<string> ProviderIdsAsync(string admin) =>
        string.Join(",", (await host.GraphQL.SendAsync("{ providers { id } }", token: admin)).At("providers").EnumerateArray()
            .Select(p => p.GetProperty("id").GetString()).Order(StringComparer.Ordinal));

    private async Task<string> ProviderAsync(string admin, string id) =>
        (await host.GraphQL.SendAsync(
            "query($id: ID!) { provider(id: $id) { id name wellKnownUrl registrationEndpoint hasInitialAccessToken updatedAt clientTypes { id } } }",
            new { id }, admin)).At("provider").ToString();

    private static void AssertUrlError(JsonElement payload, string field, string reason)
    {
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("provider").ValueKind);
        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("INVALID_URL", error.GetProperty("code").GetString());
        Assert.Equal(["input", field], error.GetProperty("field").EnumerateArray().Select(f => f.GetString()!).ToArray());
        Assert.Contains(reason, error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
