using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PortalGrains.IntegrationTests.Infrastructure;

/// <summary>Sends GraphQL requests to the portal's /graphql over HTTP, as a front end does.</summary>
public sealed class GraphQLClient(Uri baseAddress)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(100) };

    public async Task<GraphQLResponse> SendAsync(string query, object? variables = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "/graphql"))
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
