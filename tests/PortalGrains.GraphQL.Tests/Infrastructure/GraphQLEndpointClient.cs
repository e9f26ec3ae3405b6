using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PortalGrains.GraphQL.Tests.Infrastructure;

/// <summary>
/// POSTs GraphQL requests to a host with any Authorization header (or none), and keeps the HTTP response, so that
/// tests of the endpoint can look at its status and headers.
/// </summary>
public sealed class GraphQLEndpointClient(Uri baseAddress)
{
    private static HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public Task<GraphQLEndpointResponse> PostAsync(string query, string? token = null, object? variables = null) =>
        SendAsync(query, token is null ? null : new AuthenticationHeaderValue("Bearer", token), variables);

    public async Task<GraphQLEndpointResponse> SendAsync(string query, AuthenticationHeaderValue? authorization, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "/graphql"))
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        request.Headers.Authorization = authorization;
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        return new GraphQLEndpointResponse(response.StatusCode, json.RootElement.Clone(), response);
    }
}
