using System.Text;
using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>
/// Requests built to exhaust or confuse the GraphQL endpoint: refused with a clear error before execution, never a
/// 500, and nothing executed or stored.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class HostileQueryTests(PortalHost host)
{
    [Fact]
    public async Task A_query_nested_50_deep_is_refused_by_the_depth_limit()
    {
        var world = await HostileInputWorld.ForAsync(host);
        var query = new StringBuilder("{ viewer { applications { ");
        for (var i = 0; i < 25; i++)
        {
            query.Append("accessRequests { application { ");
        }

        query.Append("id").Append(new string('}', 25 * 2 + 3));

        var response = await host.GraphQL.SendAsync(query.ToString(), token: world.DeveloperToken);

        AssertRefusedBeforeExecution(response, "depth", "nested");
    }

    [Fact]
    public async Task An_alias_repeated_1000_times_is_refused_by_the_complexity_limit()
    {
        var world = await HostileInputWorld.ForAsync(host);
        var query = "{ " + string.Concat(Enumerable.Range(0, 1000).Select(i => $"a{i}: products {{ id name clientTypes {{ id }} }} ")) + "}";

        var response = await host.GraphQL.SendAsync(query, token: world.DeveloperToken);

        AssertRefusedBeforeExecution(response, "complex");
    }

    [Fact]
    public async Task A_mutation_aliased_1000_times_is_refused_and_none_of_them_runs()
    {
        var world = await HostileInputWorld.ForAsync(host);
        var before = await world.DeveloperViewAsync();
        var checkout = $$"""checkout(input: { productId: "{{world.ProductId}}", planId: "{{world.PlanId}}", clientTypeId: "m2m", newApplication: { name: "flood" } }) { accessRequest { id } }""";
        var query = "mutation { " + string.Concat(Enumerable.Range(0, 1000).Select(i => $"c{i}: {checkout} ")) + "}";

        var response = await host.GraphQL.SendAsync(query, token: world.DeveloperToken);

        AssertRefusedBeforeExecution(response, "mutation fields");
        Assert.Equal(["TOO_MANY_MUTATIONS"], response.ErrorCodes);
        Assert.Equal(before, await world.DeveloperViewAsync());
    }

    [Fact]
    public async Task A_mutation_sent_with_GET_is_refused_and_does_not_run()
    {
        var world = await HostileInputWorld.ForAsync(host);

        var response = await RawGraphQL.GetAsync(host.BaseAddress,
            "mutation($input: UpdateProfileInput!) { updateMyProfile(input: $input) { errors { code } } }",
            """{ "input": { "name": "changed by GET" } }""", world.DeveloperToken);

        AssertRefusedBeforeExecution(response, "GET");
        Assert.Equal(["METHOD_NOT_ALLOWED"], response.ErrorCodes);
        Assert.NotEqual("changed by GET", await ProfileNameAsync(world));
    }

    [Fact]
    public async Task A_batched_request_is_refused_with_400()
    {
        var world = await HostileInputWorld.ForAsync(host);
        var before = await world.DeveloperViewAsync();
        var mutation = JsonSerializer.Serialize(new
        {
            query = PortalScenario.CheckoutMutation,
            variables = new { input = new { productId = world.ProductId, planId = world.PlanId, clientTypeId = "m2m", newApplication = new { name = "batched" } } },
        });

        var response = await RawGraphQL.PostJsonAsync(host.BaseAddress, $"[{mutation},{mutation}]", world.DeveloperToken);

        Assert.True(response.Status == 400, response.ToString());
        Assert.Equal(["BATCHING_NOT_SUPPORTED"], response.ErrorCodes);
        Assert.Equal(before, await world.DeveloperViewAsync());
    }

    [Fact]
    public async Task A_5_MB_body_is_refused_with_413()
    {
        var world = await HostileInputWorld.ForAsync(host);
        var body = JsonSerializer.Serialize(new
        {
            query = "mutation($input: UpdateProfileInput!, $padding: String) { updateMyProfile(input: $input) { errors { code } } }",
            variables = new { input = new { name = "five megabytes" }, padding = new string('x', 5 * 1024 * 1024) },
        });

        var response = await RawGraphQL.PostOversizedJsonAsync(host.BaseAddress, body, world.DeveloperToken);

        Assert.True(response.Status == 413, response.ToString());
        Assert.Equal(["REQUEST_TOO_LARGE"], response.ErrorCodes);
        Assert.NotEqual("five megabytes", await ProfileNameAsync(world));
    }

    [Fact]
    public async Task A_5_MB_chunked_body_is_cut_off_at_the_limit_and_not_executed()
    {
        var world = await HostileInputWorld.ForAsync(host);
        var body = JsonSerializer.Serialize(new
        {
            query = "mutation($input: UpdateProfileInput!, $padding: String) { updateMyProfile(input: $input) { errors { code } } }",
            variables = new { input = new { name = "chunked megabytes" }, padding = new string('x', 5 * 1024 * 1024) },
        });

        // Without Content-Length the limit is enforced while reading: the server answers 413 as soon as the body passes
        // it and closes the connection, so a client still sending may see the connection end instead of the answer.
        try
        {
            var response = await RawGraphQL.PostAsync(host.BaseAddress, new ChunkedJsonContent(body), world.DeveloperToken);
            Assert.True(response.Status == 413, response.ToString());
            Assert.Equal(["REQUEST_TOO_LARGE"], response.ErrorCodes);
        }
        catch (HttpRequestException e) when (e.InnerException is IOException)
        {
        }

        Assert.NotEqual("chunked megabytes", await ProfileNameAsync(world));
        Assert.Equal(200, (await host.GraphQL.SendAsync("{ serverVersion }")).Status);
    }

    [Theory]
    [InlineData("{ accessRequests(status: HACKED) { totalCount } }", null)]
    [InlineData("{ accessRequests(first: \"ten\") { totalCount } }", null)]
    [InlineData("{ accessRequests(first: 99999999999) { totalCount } }", null)]
    [InlineData("{ product(id: {}) { id } }", null)]
    [InlineData("{ viewer { noSuchField } }", null)]
    [InlineData("{ viewer { applications } }", null)]
    [InlineData("{ viewer ", null)]
    [InlineData("query($s: AccessRequestStatus) { accessRequests(status: $s) { totalCount } }", """{ "s": "HACKED" }""")]
    [InlineData("query($n: Int) { accessRequests(first: $n) { totalCount } }", """{ "n": "1; DROP TABLE" }""")]
    [InlineData("query($n: Int) { accessRequests(first: $n) { totalCount } }", """{ "n": 1e300 }""")]
    [InlineData("mutation($input: CheckoutInput!) { checkout(input: $input) { errors { code } } }", """{ "input": { "productId": ["a"], "planId": 5, "clientTypeId": null } }""")]
    [InlineData("mutation($input: CheckoutInput!) { checkout(input: $input) { errors { code } } }", """{ "input": "not an object" }""")]
    [InlineData("mutation($input: UpsertProviderInput!) { upsertProvider(input: $input) { errors { code } } }", """{ "input": { "name": "x", "kind": "EVIL", "wellKnownUrl": "https://idp.example.com/.well-known/openid-configuration", "clientTypes": [] } }""")]
    public async Task Unknown_enum_values_wrong_types_and_broken_documents_are_validation_errors_not_500(string query, string? variablesJson)
    {
        var world = await HostileInputWorld.ForAsync(host);
        var before = await world.DeveloperViewAsync();
        var providersBefore = await host.GraphQL.SendAsync("{ providers { id } }", token: world.AdminToken);
        var body = variablesJson is null
            ? JsonSerializer.Serialize(new { query })
            : $$"""{"query": {{JsonSerializer.Serialize(query)}}, "variables": {{variablesJson}} }""";

        var response = await RawGraphQL.PostJsonAsync(host.BaseAddress, body, world.AdminToken);

        Assert.True(response.Status is 200 or 400, response.ToString());
        Assert.True(response.HasErrors, response.ToString());
        Assert.DoesNotContain("INTERNAL", response.ErrorCodes);
        Assert.True(!response.Body.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null, "executed: " + response);
        Assert.Equal(before, await world.DeveloperViewAsync());
        Assert.Equal(providersBefore.ToString(), (await host.GraphQL.SendAsync("{ providers { id } }", token: world.AdminToken)).ToString());
    }

    [Theory]
    [InlineData("application", false)]
    [InlineData("accessRequest", false)]
    [InlineData("provider", false)]
    [InlineData("product", false)]
    [InlineData("application", true)]
    [InlineData("accessRequest", true)]
    [InlineData("provider", true)]
    [InlineData("product", true)]
    public async Task An_id_argument_longer_than_128_characters_is_refused_before_execution(string field, bool asVariable)
    {
        var world = await HostileInputWorld.ForAsync(host);
        var id = new string('7', 129);
        var response = asVariable
            ? await host.GraphQL.SendAsync($"query($id: ID!) {{ {field}(id: $id) {{ id }} }}", new { id }, world.AdminToken)
            : await host.GraphQL.SendAsync($"{{ {field}(id: \"{id}\") {{ id }} }}", token: world.AdminToken);

        AssertRefusedBeforeExecution(response, "at most 128 characters");
        Assert.Contains(field, response.Body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_id_argument_that_no_grain_can_have_is_refused_also_for_an_anonymous_caller()
    {
        var response = await host.GraphQL.SendAsync("query($id: ID!) { product(id: $id) { id } }", new { id = "catalog#0" });

        AssertRefusedBeforeExecution(response, "must not contain");
    }

    private async Task<string?> ProfileNameAsync(HostileInputWorld world) =>
        (await host.GraphQL.SendAsync("{ viewer { name } }", token: world.DeveloperToken)).At("viewer.name").ToString();

    private static void AssertRefusedBeforeExecution(GraphQLResponse response, params string[] anyOf)
    {
        Assert.True(response.Status is 200 or 400, Shorten(response));
        Assert.True(response.HasErrors, Shorten(response));
        Assert.True(!response.Body.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null, "executed: " + Shorten(response));
        var message = response.Body.GetProperty("errors")[0].GetProperty("message").GetString()!;
        Assert.True(anyOf.Any(word => message.Contains(word, StringComparison.OrdinalIgnoreCase)), Shorten(response));
        Assert.DoesNotContain("INTERNAL", response.ErrorCodes);
    }

    private static string Shorten(GraphQLResponse response)
    {
        var text = response.ToString();
        return text.Length > 2000 ? text[..2000] + "..." : text;
    }

    /// <summary>JSON content sent with chunked transfer encoding: no Content-Length for the server to check up front.</summary>
    private sealed class ChunkedJsonContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedJsonContent(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (var offset = 0; offset < _bytes.Length; offset += 64 * 1024)
            {
                await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(64 * 1024, _bytes.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
