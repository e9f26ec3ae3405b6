using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>
/// Redirect URIs an attacker or a careless developer sends (RFC 9700 §2.1, §4.1; RFC 6749 §3.1.2): each is answered
/// with a clear user error, and neither the portal nor the identity provider stores anything.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class HostileRedirectUriTests(PortalHost host)
{
    private const string UpdateMutation = """
        mutation($input: UpdateApplicationInput!) {
          updateApplication(input: $input) { application { id redirectUris } errors { code message field } }
        }
        """;

    /// <summary>A refused redirect URI and a word the error message must contain.</summary>
    public static TheoryData<string, string> RefusedUris => new()
    {
        { "javascript:alert(document.cookie)", "javascript:" },
        { "JavaScript://app.example.com/%0Aalert(1)", "javascript:" },
        { "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data:" },
        { "file:///etc/passwd", "file:" },
        { "vbscript:msgbox(1)", "vbscript:" },
        { "ftp://app.example.com/callback", "ftp:" },
        { "https://app.example.com/callback#access_token", "fragment" },
        { "https://app.example.com/callback#", "fragment" },
        { "https://*.example.com/callback", "wildcard" },
        { "https://app.example.com/*", "wildcard" },
        { "https://user:pw@app.example.com/callback", "user information" },
        { "https://app.example.com@evil.example/callback", "user information" },
        { "http://app.example.com/callback", "http" },
        { "http://169.254.169.254/latest/meta-data/", "http" },
        { "https://app.example.com/call back", "whitespace" },
        { "/callback", "absolute" },
    };

    [Theory]
    [MemberData(nameof(RefusedUris))]
    public async Task Checkout_refuses_it_and_creates_neither_application_nor_request(string uri, string reason)
    {
        var world = await HostileInputWorld.ForAsync(host);
        var before = await world.DeveloperViewAsync();

        var payload = (await world.CheckoutWebAsync(new[] { uri })).At("checkout");

        AssertRedirectUriError(payload, "0", reason);
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("accessRequest").ValueKind);
        Assert.Equal(before, await world.DeveloperViewAsync());
    }

    [Theory]
    [MemberData(nameof(RefusedUris))]
    public async Task Updating_an_application_refuses_it_and_the_identity_provider_keeps_the_old_uris(string uri, string reason)
    {
        var world = await HostileInputWorld.ForAsync(host);
        var before = await world.DeveloperViewAsync();
        var atIdp = await world.RedirectUrisAtIdpAsync();

        var payload = await UpdateAsync(world, HostileInputWorld.GoodRedirectUri, uri);

        AssertRedirectUriError(payload, "1", reason);
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("application").ValueKind);
        Assert.Equal(before, await world.DeveloperViewAsync());
        Assert.Equal(atIdp, await world.RedirectUrisAtIdpAsync());
    }

    [Fact]
    public async Task Ten_thousand_redirect_uris_are_too_many_and_nothing_is_stored()
    {
        var world = await HostileInputWorld.ForAsync(host);
        var uris = Enumerable.Range(0, 10_000).Select(i => $"https://a.io/{i}").ToArray();
        var before = await world.DeveloperViewAsync();
        var atIdp = await world.RedirectUrisAtIdpAsync();

        var checkout = (await world.CheckoutWebAsync(uris)).At("checkout");
        var update = await UpdateAsync(world, uris);

        Assert.Contains("TOO_MANY", HostileInputWorld.Codes(checkout));
        Assert.Equal(JsonValueKind.Null, checkout.GetProperty("accessRequest").ValueKind);
        Assert.Contains("TOO_MANY", HostileInputWorld.Codes(update));
        Assert.Equal(before, await world.DeveloperViewAsync());
        Assert.Equal(atIdp, await world.RedirectUrisAtIdpAsync());
    }

    [Fact]
    public async Task A_100_kB_redirect_uri_is_too_long_and_nothing_is_stored()
    {
        var world = await HostileInputWorld.ForAsync(host);
        var uri = "https://app.example.com/" + new string('a', 100_000);
        var before = await world.DeveloperViewAsync();

        var payload = (await world.CheckoutWebAsync(new[] { uri })).At("checkout");

        Assert.Contains("TOO_LONG", HostileInputWorld.Codes(payload));
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("accessRequest").ValueKind);
        Assert.Equal(before, await world.DeveloperViewAsync());
    }

    [Fact]
    public async Task A_1_MB_redirect_uri_exceeds_the_request_size_limit_and_nothing_is_stored()
    {
        var world = await HostileInputWorld.ForAsync(host);
        var uri = "https://app.example.com/" + new string('a', 1024 * 1024);
        var before = await world.DeveloperViewAsync();

        var response = await RawGraphQL.PostOversizedJsonAsync(host.BaseAddress, world.CheckoutWebBody(new[] { uri }), world.DeveloperToken);

        Assert.True(response.Status == 413, response.ToString());
        Assert.Equal(["REQUEST_TOO_LARGE"], response.ErrorCodes);
        Assert.Equal(before, await world.DeveloperViewAsync());
    }

    private async Task<JsonElement> UpdateAsync(HostileInputWorld world, params string[] redirectUris) =>
        (await host.GraphQL.SendAsync(UpdateMutation, new { input = new { id = world.ApplicationId, redirectUris } }, world.DeveloperToken))
            .At("updateApplication");

    private static void AssertRedirectUriError(JsonElement payload, string index, string reason)
    {
        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("INVALID_REDIRECT_URI", error.GetProperty("code").GetString());
        Assert.Equal(["input", "redirectUris", index], error.GetProperty("field").EnumerateArray().Select(f => f.GetString()!).ToArray());
        Assert.Contains(reason, error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
