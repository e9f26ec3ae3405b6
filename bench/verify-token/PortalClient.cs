using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace VerifyTokenBench;

/// <summary>
/// What the bench needs from the portal and the dev IdP: login tokens, the catalogue set up through GraphQL, a
/// provisioned client's access token, and the IdP's request counters.
/// </summary>
public sealed class PortalClient(HttpClient http, Uri portal, Uri idp)
{
    public const string VerifyQuery = """
        query($token: String!) { verifyToken(token: $token) { valid reason issuer clientId scopes expiresAt applicationId products { id } plans { id } } }
        """;

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public Uri GraphQLUrl => new(portal, "/graphql");

    public async Task<string> LoginTokenAsync(string sub, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "urn:portalgrains:grant-type:dev-login", ["sub"] = sub };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return (await TokenAsync("portal-dev-login", "portal-dev-login-secret", form)).GetProperty("access_token").GetString()!;
    }

    /// <summary>Provider, product and plan at the dev IdP, a checkout and its approval; returns the owner's login token and a client token.</summary>
    public async Task<(string OwnerLoginToken, string AccessToken)> ProvisionAsync()
    {
        var admin = await LoginTokenAsync("bench-admin-" + _suffix, "portal:admin");
        var owner = await LoginTokenAsync("bench-dev-" + _suffix);
        var providerId = "bench-" + _suffix;
        await MutateAsync("upsertProvider", "UpsertProviderInput", new
        {
            id = providerId, name = "Bench " + _suffix, kind = "OTHER",
            wellKnownUrl = new Uri(idp, "/.well-known/openid-configuration").ToString(),
            initialAccessToken = "dev-initial-access-token",
            clientTypes = new[]
            {
                new
                {
                    id = "m2m", name = "Machine to machine", responseTypes = Array.Empty<string>(),
                    grantTypes = new[] { "client_credentials" }, tokenEndpointAuthMethod = "client_secret_basic",
                },
            },
        }, "provider { id }", admin);
        var (productScope, planScope) = ($"bench.read:{_suffix}", $"bench.gold:{_suffix}");
        var product = (await MutateAsync("upsertProduct", "UpsertProductInput", new
        {
            name = "Bench " + _suffix, published = true, dcrEnabled = true, providerId,
            scopes = new[] { productScope }, clientTypeIds = new[] { "m2m" }, policyId = "bench-product-" + _suffix,
        }, "product { id }", admin)).GetProperty("product").GetProperty("id").GetString();
        var plan = (await MutateAsync("upsertPlan", "UpsertPlanInput", new
        {
            name = "Bench gold " + _suffix, scopes = new[] { planScope }, autoApprove = false, policyId = "bench-plan-" + _suffix,
        }, "plan { id }", admin)).GetProperty("plan").GetProperty("id").GetString();
        var request = (await MutateAsync("checkout", "CheckoutInput", new
        {
            productId = product, planId = plan, clientTypeId = "m2m", newApplication = new { name = "Bench app " + _suffix },
        }, "accessRequest { id application { id } }", owner)).GetProperty("accessRequest");
        var approved = (await MutateAsync("approveAccessRequest", "DecideInput", new { id = request.GetProperty("id").GetString() },
            "accessRequest { status failureReason }", admin)).GetProperty("accessRequest");
        if (approved.GetProperty("status").GetString() != "ACTIVE")
        {
            throw new InvalidOperationException("the access request did not become ACTIVE: " + approved);
        }

        var application = await QueryAsync(
            "query($id: ID!) { application(id: $id) { credentials { clientId clientSecret } } }",
            new { id = request.GetProperty("application").GetProperty("id").GetString() }, owner);
        var credentials = application.GetProperty("application").GetProperty("credentials")[0];
        var token = await TokenAsync(
            credentials.GetProperty("clientId").GetString()!, credentials.GetProperty("clientSecret").GetString()!,
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = $"{productScope} {planScope}" });
        return (owner, token.GetProperty("access_token").GetString()!);
    }

    /// <summary>The verifyToken request body as the bench sends it, and the portal's answer to it.</summary>
    public async Task<(byte[] Body, byte[] Answer)> VerifyOnceAsync(string token, string loginToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { query = VerifyQuery, variables = new { token } });
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphQLUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", loginToken);
        using var response = await http.SendAsync(request);
        return (body, await response.Content.ReadAsByteArrayAsync());
    }

    public async Task<int> JwksFetchesAsync()
    {
        using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(idp, "/__dev/stats")));
        return stats.RootElement.GetProperty("jwks").GetInt32();
    }

    private async Task<JsonElement> MutateAsync(string field, string inputType, object input, string selection, string bearer)
    {
        var data = await QueryAsync(
            $"mutation($input: {inputType}!) {{ {field}(input: $input) {{ {selection} errors {{ code message }} }} }}", new { input }, bearer);
        var payload = data.GetProperty(field);
        return payload.GetProperty("errors").GetArrayLength() == 0
            ? payload
            : throw new InvalidOperationException($"{field} failed: {payload.GetProperty("errors")}");
    }

    private async Task<JsonElement> QueryAsync(string query, object variables, string bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphQLUrl) { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.SendAsync(request);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (answer.RootElement.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
        {
            throw new InvalidOperationException("GraphQL errors: " + errors);
        }

        return answer.RootElement.GetProperty("data").Clone();
    }

    private async Task<JsonElement> TokenAsync(string clientId, string clientSecret, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(idp, "/token")) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}")));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new InvalidOperationException($"token request failed: {(int)response.StatusCode} {text}");
    }
}
