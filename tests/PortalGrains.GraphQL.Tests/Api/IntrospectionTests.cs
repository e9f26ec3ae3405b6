using System.Net;
using System.Text.Json;
using PortalGrains.GraphQL.Tests.Infrastructure;

namespace PortalGrains.GraphQL.Tests.Api;

/// <summary>The shared host runs in Production: introspection is off there by default.</summary>
[Collection(PortalHostCollection.Name)]
public sealed class IntrospectionTests(PortalHostFixture portal)
{
    [Fact]
    public async Task A_production_host_refuses_schema_queries_over_post_with_a_clear_error()
    {
        var response = await portal.GraphQL.PostAsync("{ __schema { types { name } } }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(["INTROSPECTION_DISABLED"], response.ErrorCodes);
        Assert.StartsWith("Introspection is turned off on this server", response.Errors[0].GetProperty("message").GetString());
        Assert.False(response.Body.TryGetProperty("data", out _), response.ToString());
    }

    [Fact]
    public async Task A_production_host_refuses_type_queries_over_get()
    {
        using var http = new HttpClient();
        using var answer = await http.GetAsync(new Uri(portal.Host.BaseAddress, "/graphql?query=" + Uri.EscapeDataString("{ __type(name: \"Query\") { fields { name } } }")));
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());

        var error = Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("INTROSPECTION_DISABLED", error.GetProperty("extensions").GetProperty("code").GetString());
    }
}
