using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PortalGrains.Bench.Portal;

/// <summary>
/// The portal as a front end uses it (GraphQL over HTTP) and the dev IdP as the bench needs it: login tokens,
/// catalogue set-up, checkouts, approvals, credentials, client tokens, direct registrations and request counters.
/// </summary>
public sealed class PortalClient(HttpClient http, Uri graphQLUrl, Uri idp)
{
    public const string InitialAccessToken = "dev-initial-access-token";

    public const string ClientTypeId = "m2m";

    public Uri GraphQLUrl => graphQLUrl;

    public Uri Idp => idp;

    public async Task<string> LoginTokenAsync(string sub, string? scope = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "urn:portalgrains:grant-type:dev-login",
            ["sub"] = sub,
            ["email"] = sub + "@bench.example.com",
        };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return (await TokenAsync("portal-dev-login", "portal-dev-login-secret", form)).GetProperty("access_token").GetString()!;
    }

    public async Task<string> UpsertProviderAsync(string admin, string id)
    {
        await MutateAsync("upsertProvider", "UpsertProviderInput", new
        {
            id,
            name = "Bench " + id,
            kind = "OTHER",
            wellKnownUrl = new Uri(idp, "/.well-known/openid-configuration").ToString(),
            initialAccessToken = InitialAccessToken,
            clientTypes = new[]
            {
                new
                {
                    id = ClientTypeId, name = "Machine to machine", responseTypes = Array.Empty<string>(),
                    grantTypes = new[] { "client_credentials" }, tokenEndpointAuthMethod = "client_secret_basic",
                },
            },
        }, "provider { id }", admin);
        return id;
    }

    public async Task<string> UpsertProductAsync(string admin, string providerId, string name, string scope, string description)
    {
        var payload = await MutateAsync("upsertProduct", "UpsertProductInput", new
        {
            name, description, published = true, dcrEnabled = true, providerId,
            scopes = new[] { scope }, clientTypeIds = new[] { ClientTypeId }, policyId = "policy-" + scope.Replace(':', '-'),
        }, "product { id }", admin);
        return payload.GetProperty("product").GetProperty("id").GetString()!;
    }

    public async Task<string> UpsertPlanAsync(string admin, string name, string scope, bool autoApprove)
    {
        var payload = await MutateAsync("upsertPlan", "UpsertPlanInput", new
        {
            name, description = "The " + name + " plan", scopes = new[] { scope }, autoApprove, policyId = "policy-" + scope.Replace(':', '-'),
            rateLimit = new { requests = 100, perSeconds = 60 }, quota = new { requests = 100_000, periodSeconds = 2_592_000 },
        }, "plan { id }", admin);
        return payload.GetProperty("plan").GetProperty("id").GetString()!;
    }

    /// <summary>A checkout for a new application; returns the access request's id, status and application id.</summary>
    public async Task<(string RequestId, string Status, string ApplicationId)> CheckoutAsync(string developer, string productId, string planId, string applicationName)
    {
        var request = (await MutateAsync("checkout", "CheckoutInput", new
        {
            productId, planId, clientTypeId = ClientTypeId, newApplication = new { name = applicationName },
        }, "accessRequest { id status application { id } }", developer)).GetProperty("accessRequest");
        return (request.GetProperty("id").GetString()!, request.GetProperty("status").GetString()!,
            request.GetProperty("application").GetProperty("id").GetString()!);
    }

    public async Task<(string Status, string? FailureReason)> ApproveAsync(string admin, string requestId)
    {
        var request = (await MutateAsync("approveAccessRequest", "DecideInput", new { id = requestId },
            "accessRequest { status failureReason }", admin)).GetProperty("accessRequest");
        return (request.GetProperty("status").GetString()!, request.GetProperty("failureReason").GetString());
    }

    public async Task<(string Status, string? FailureReason)> AccessRequestStatusAsync(string bearer, string requestId)
    {
        var request = (await QueryAsync("query($id: ID!) { accessRequest(id: $id) { status failureReason } }", new { id = requestId }, bearer))
            .GetProperty("accessRequest");
        return (request.GetProperty("status").GetString()!, request.GetProperty("failureReason").GetString());
    }

    public async Task<int> AccessRequestCountAsync(string admin, string status) =>
        (await QueryAsync("query($s: AccessRequestStatus) { accessRequests(status: $s, first: 0) { totalCount } }", new { s = status }, admin))
            .GetProperty("accessRequests").GetProperty("totalCount").GetInt32();

    /// <summary>A client_credentials token of the application's first registered client, with the given scopes.</summary>
    public async Task<string> ClientTokenAsync(string owner, string applicationId, string scope)
    {
        var application = await QueryAsync(
            "query($id: ID!) { application(id: $id) { credentials { clientId clientSecret } } }", new { id = applicationId }, owner);
        var credentials = application.GetProperty("application").GetProperty("credentials")[0];
        var token = await TokenAsync(credentials.GetProperty("clientId").GetString()!, credentials.GetProperty("clientSecret").GetString()!,
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = scope });
        return token.GetProperty("access_token").GetString()!;
    }

    /// <summary>An RFC 7591 registration POSTed straight to the IdP, as the portal's driver sends it; true on 201.</summary>
    public async Task<bool> RegisterDirectlyAsync(string clientName, string scope)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(idp, "/reg"))
        {
            Content = JsonContent.Create(new Dictionary<string, object>
            {
                ["client_name"] = clientName,
                ["grant_types"] = new[] { "client_credentials" },
                ["response_types"] = Array.Empty<string>(),
                ["token_endpoint_auth_method"] = "client_secret_basic",
                ["scope"] = scope,
                ["software_id"] = "bench:" + clientName,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", InitialAccessToken);
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return (int)response.StatusCode == 201;
    }

    /// <summary>The dev IdP's request counters (GET /__dev/stats): discovery, jwks, registration, ...</summary>
    public async Task<JsonElement> IdpStatsAsync()
    {
        using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(idp, "/__dev/stats")));
        return stats.RootElement.Clone();
    }

    public async Task<int> JwksFetchesAsync() => (await IdpStatsAsync()).GetProperty("jwks").GetInt32();

    /// <summary>One POST of a prepared body; returns the answer's bytes (the load generator sends the same body).</summary>
    public async Task<byte[]> PostOnceAsync(byte[] body, string bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, graphQLUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.SendAsync(request);
        var answer = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode
            ? answer
            : throw new InvalidOperationException($"POST /graphql answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(answer)}");
    }

    public async Task<JsonElement> MutateAsync(string field, string inputType, object input, string selection, string bearer)
    {
        var data = await QueryAsync(
            $"mutation($input: {inputType}!) {{ {field}(input: $input) {{ {selection} errors {{ code message }} }} }}", new { input }, bearer);
        var payload = data.GetProperty(field);
        return payload.GetProperty("errors").GetArrayLength() == 0
            ? payload
            : throw new InvalidOperationException($"{field} failed: {payload.GetProperty("errors")}");
    }

    public async Task<JsonElement> QueryAsync(string query, object? variables, string bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, graphQLUrl) { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var answer = JsonDocument.Parse(text);
        if (answer.RootElement.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
        {
            throw new InvalidOperationException($"GraphQL errors ({(int)response.StatusCode}): {errors}");
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
