using System.Net.Http.Headers;
using System.Text.Json;
using PortalGrains.GraphQL.Tests.Infrastructure;

namespace PortalGrains.GraphQL.Tests.Api;

/// <summary>
/// Repeated documents are served from the validated-document cache: the rules that depend on the request or the
/// variables must still apply to them. Each test's documents carry a fresh comment, so they are its own cache entries.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class DocumentCacheHttpTests(PortalHostFixture portal)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    [Fact]
    public async Task A_mutation_that_POST_ran_is_still_refused_when_sent_with_GET()
    {
        var developer = await LoginIdp.LoginTokenAsync(NewId("dev"), email: "ada@example.com");
        var mutation = $"# {NewId("doc")}\nmutation {{ updateMyProfile(input: {{name: \"Ada\"}}) {{ errors {{ code }} }} }}";

        var first = await portal.GraphQL.PostAsync(mutation, developer);
        var second = await portal.GraphQL.PostAsync(mutation, developer);
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(portal.Host.BaseAddress, "/graphql?query=" + Uri.EscapeDataString(mutation)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", developer);
        using var response = await Http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.True(first.Errors.Count == 0 && second.Errors.Count == 0, $"{first} {second}");
        var messages = body.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.Contains(messages, m => m!.StartsWith("Only queries may be sent with GET", StringComparison.Ordinal));
        Assert.False(body.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object, body.RootElement.ToString());
    }

    [Fact]
    public async Task A_cached_document_answers_with_each_requests_variables_and_still_checks_them()
    {
        var admin = await LoginIdp.LoginTokenAsync(NewId("admin"), scope: "portal:admin");
        var ids = new[] { NewId("cached-a"), NewId("cached-b") };
        foreach (var id in ids)
        {
            var upsert = await portal.GraphQL.PostAsync(
                "mutation($input: UpsertProductInput!) { upsertProduct(input: $input) { errors { code } } }", admin,
                new { input = new { id, name = "Cached " + id, published = true, dcrEnabled = false, scopes = new[] { "orders:read" }, clientTypeIds = Array.Empty<string>() } });
            Assert.True(upsert.Errors.Count == 0, upsert.ToString());
        }

        var query = $"# {NewId("doc")}\nquery($id: ID!) {{ product(id: $id) {{ id }} }}";
        var a = await portal.GraphQL.PostAsync(query, admin, new { id = ids[0] });
        var b = await portal.GraphQL.PostAsync(query, admin, new { id = ids[1] });
        var missing = await portal.GraphQL.PostAsync(query, admin);

        Assert.Equal(ids[0], a.Data.GetProperty("product").GetProperty("id").GetString());
        Assert.Equal(ids[1], b.Data.GetProperty("product").GetProperty("id").GetString());
        Assert.True(missing.Errors.Count > 0, missing.ToString());
    }

    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];
}
