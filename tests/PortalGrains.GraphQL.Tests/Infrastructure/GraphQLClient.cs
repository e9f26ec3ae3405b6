using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PortalGrains.GraphQL.Tests.Infrastructure;

public sealed record GraphQLResponse(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Message)
{
    public JsonElement Data => Body.GetProperty("data");

    public IReadOnlyList<JsonElement> Errors =>
        Body.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateArray()] : [];

    public IReadOnlyList<string?> ErrorCodes =>
        [.. Errors.Select(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var code) ? code.GetString() : null)];

    public override string ToString() => $"{(int)Status} {Body}";
}

/// <summary>POSTs GraphQL requests to a host, with or without a bearer token.</summary>
public sealed class GraphQLClient(Uri baseAddress)
{
    private static HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public Task<GraphQLResponse> PostAsync(string query, string? token = null, object? variables = null) =>
        SendAsync(query, token is null ? null : new AuthenticationHeaderValue("Bearer", token), variables);

    public async Task<GraphQLResponse> SendAsync(string query, AuthenticationHeaderValue? authorization, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "/graphql"))
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        request.Headers.Authorization = authorization;
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        return new GraphQLResponse(response.StatusCode, json.RootElement.Clone(), response);
    }
}
