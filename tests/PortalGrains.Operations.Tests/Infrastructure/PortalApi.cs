using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PortalGrains.Operations.Tests.Infrastructure;

/// <summary>The portal's /graphql over HTTP, as a front end calls it; optionally with a W3C traceparent.</summary>
public sealed class PortalApi(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public Uri BaseAddress => baseAddress;

    public async Task<GraphQLAnswer> SendAsync(string query, object? variables, string? token, string? traceParent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(text.Length == 0 ? "null" : text).RootElement.Clone();
        }
        catch (JsonException)
        {
            body = JsonSerializer.SerializeToElement(text);
        }

        return new GraphQLAnswer((int)response.StatusCode, body);
    }

    public async Task<HttpResponseMessage> GetAsync(string path) => await _http.GetAsync(path);

    public void Dispose() => _http.Dispose();
}
