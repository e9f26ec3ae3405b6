using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>Sends bodies to /graphql that <see cref="GraphQLClient"/> would not: arrays, oversized or malformed JSON.</summary>
public static class RawGraphQL
{
    // A body sent with Expect: 100-continue waits for the server's go-ahead however loaded the machine is.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) })
    {
        Timeout = TimeSpan.FromSeconds(100),
    };

    public static Task<GraphQLResponse> PostAsync(Uri baseAddress, HttpContent content, string? token = null) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "/graphql")) { Content = content }, token);

    /// <summary>
    /// Posts a body the server is expected to refuse from its Content-Length, as a careful client does: with
    /// Expect: 100-continue, so the refusal arrives before the body is sent. Without it, the server's answer and its
    /// closing of the connection race the client still writing, which may then see a broken pipe instead.
    /// </summary>
    public static Task<GraphQLResponse> PostOversizedJsonAsync(Uri baseAddress, string json, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "/graphql"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        return SendAsync(request, token);
    }

    /// <summary>GET /graphql?query=...&amp;variables=..., as a link or an image tag on another site would send it.</summary>
    public static Task<GraphQLResponse> GetAsync(Uri baseAddress, string query, string? variablesJson, string? token = null)
    {
        var uri = new Uri(baseAddress, "/graphql?query=" + Uri.EscapeDataString(query)
            + (variablesJson is null ? "" : "&variables=" + Uri.EscapeDataString(variablesJson)));
        return SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), token);
    }

    private static async Task<GraphQLResponse> SendAsync(HttpRequestMessage request, string? token)
    {
        using var disposing = request;
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"HTTP {(int)response.StatusCode} answered with a body that is not JSON: {text[..Math.Min(text.Length, 500)]}");
        }

        return new GraphQLResponse((int)response.StatusCode, body);
    }

    public static Task<GraphQLResponse> PostJsonAsync(Uri baseAddress, string json, string? token = null) =>
        PostAsync(baseAddress, new StringContent(json, Encoding.UTF8, "application/json"), token);
}
