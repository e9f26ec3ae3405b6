using System.Text.Json;
using PortalGrains.GraphQL.Tests.Infrastructure;

namespace PortalGrains.GraphQL.Tests.Api;

/// <summary>
/// On a host whose outbound policy blocks loopback and insecure TLS, a provider pointed at a loopback host is reported as
/// refused by the policy, and sslInsecureSkipVerify is refused.
/// </summary>
public sealed class OutboundPolicyTests(OutboundPolicyHostFixture portal) : IClassFixture<OutboundPolicyHostFixture>
{
    private const string ProviderFields = "id discovery { issuer } discoveryError";

    private GraphQLEndpointClient GraphQL => portal.GraphQL;

    [Fact]
    public async Task A_provider_on_a_loopback_host_is_refused_by_the_outbound_policy_in_discoveryError_and_the_connection_test()
    {
        var admin = await AdminTokenAsync();
        // A host name, not an address literal: the address is found refused when the connection is made.
        var wellKnownUrl = $"http://localhost:{LoginIdp.Issuer.Port}/.well-known/openid-configuration";

        var upserted = await UpsertAsync(admin, wellKnownUrl, sslInsecureSkipVerify: false);
        var payload = upserted.Data.GetProperty("upsertProvider");
        Assert.True(payload.GetProperty("errors").GetArrayLength() == 0, upserted.ToString());
        var provider = payload.GetProperty("provider");
        Assert.Equal(JsonValueKind.Null, provider.GetProperty("discovery").ValueKind);
        var discoveryError = provider.GetProperty("discoveryError").GetString()!;
        Assert.Contains("refused by the outbound policy (loopback)", discoveryError, StringComparison.Ordinal);
        Assert.DoesNotContain("Connection refused", discoveryError, StringComparison.OrdinalIgnoreCase);

        var tested = await GraphQL.PostAsync(
            "mutation($id: ID!) { testProviderConnection(input: { id: $id }) { steps { name succeeded detail } errors { code } } }",
            admin, new { id = provider.GetProperty("id").GetString() });
        Assert.True(tested.Errors.Count == 0, tested.ToString());
        var discovery = tested.Data.GetProperty("testProviderConnection").GetProperty("steps").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == "discovery");
        Assert.False(discovery.GetProperty("succeeded").GetBoolean());
        Assert.Contains("refused by the outbound policy (loopback)", discovery.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.DoesNotContain("HTTP 404", discovery.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SslInsecureSkipVerify_is_a_user_error_outside_development_and_nothing_is_stored()
    {
        var admin = await AdminTokenAsync();
        var id = "idp-insecure-" + Guid.NewGuid().ToString("N")[..10];

        var response = await UpsertAsync(admin, "https://idp.example.com/.well-known/openid-configuration", sslInsecureSkipVerify: true, id);

        Assert.True(response.Errors.Count == 0, response.ToString());
        var payload = response.Data.GetProperty("upsertProvider");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("provider").ValueKind);
        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("INVALID", error.GetProperty("code").GetString());
        Assert.Equal(["input", "sslInsecureSkipVerify"], error.GetProperty("field").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("Portal:Outbound:AllowInsecureTls", error.GetProperty("message").GetString()!, StringComparison.Ordinal);

        var stored = await GraphQL.PostAsync("query($id: ID!) { provider(id: $id) { id } }", admin, new { id });
        Assert.Equal(JsonValueKind.Null, stored.Data.GetProperty("provider").ValueKind);
    }

    private Task<GraphQLEndpointResponse> UpsertAsync(string admin, string wellKnownUrl, bool sslInsecureSkipVerify, string? id = null) =>
        GraphQL.PostAsync(
            $"mutation($input: UpsertProviderInput!) {{ upsertProvider(input: $input) {{ provider {{ {ProviderFields} }} errors {{ code message field }} }} }}",
            admin,
            new
            {
                input = new
                {
                    id,
                    name = "Loopback IdP",
                    kind = "OTHER",
                    wellKnownUrl,
                    sslInsecureSkipVerify,
                    clientTypes = new[]
                    {
                        new { id = "m2m", name = "Machine to machine", responseTypes = Array.Empty<string>(), grantTypes = new[] { "client_credentials" }, tokenEndpointAuthMethod = "client_secret_basic" },
                    },
                },
            });

    private static Task<string> AdminTokenAsync() =>
        LoginIdp.LoginTokenAsync("admin-" + Guid.NewGuid().ToString("N")[..10], scope: "portal:admin");
}
