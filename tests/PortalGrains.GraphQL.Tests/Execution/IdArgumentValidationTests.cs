using GraphQL;
using GraphQL.SystemTextJson;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PortalGrains.Abstractions.Common;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Hosting;

namespace PortalGrains.GraphQL.Tests.Execution;

/// <summary>
/// Query id arguments no id can match are refused while the request is validated: the execution result says nothing
/// was executed, so no resolver ran and no grain was called. The services hold no grain factory at all: a resolver that
/// reached for a grain would fail differently.
/// </summary>
public sealed class IdArgumentValidationTests : IDisposable
{
    private static readonly string LongId = new('x', InputLimits.MaxIdLength + 1);

    private readonly ServiceProvider _services;

    public IdArgumentValidationTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddPortalGraphQL(isDevelopment: false);
        _services = services.BuildServiceProvider();
    }

    public static TheoryData<string> Fields => new() { "application", "accessRequest", "provider", "product" };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task An_id_literal_longer_than_the_limit_is_refused_before_execution(string field)
    {
        var result = await ExecuteAsync($"{{ {field}(id: \"{LongId}\") {{ id }} }}");

        AssertRefusedBeforeExecution(result, field);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task An_id_variable_longer_than_the_limit_is_refused_before_execution_even_for_a_cached_document(string field)
    {
        var query = $"# {Guid.NewGuid():N}\nquery($id: ID!) {{ {field}(id: $id) {{ id }} }}";
        var accepted = await ExecuteAsync(query, new Inputs(new Dictionary<string, object?> { ["id"] = "short-id" }));
        Assert.True(accepted.Executed, "the first request passes validation and caches the document");

        var result = await ExecuteAsync(query, new Inputs(new Dictionary<string, object?> { ["id"] = LongId }));

        AssertRefusedBeforeExecution(result, field);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#0")]
    [InlineData("   ")]
    public async Task An_id_with_characters_no_id_has_is_refused_before_execution(string id)
    {
        var result = await ExecuteAsync("query($id: ID!) { accessRequest(id: $id) { id } }", new Inputs(new Dictionary<string, object?> { ["id"] = id }));

        AssertRefusedBeforeExecution(result, "accessRequest");
    }

    [Fact]
    public async Task An_id_at_the_limit_reaches_the_resolver()
    {
        var result = await ExecuteAsync($"{{ accessRequest(id: \"{new string('x', InputLimits.MaxIdLength)}\") {{ id }} }}");

        Assert.True(result.Executed);
        Assert.Equal("UNAUTHENTICATED", Assert.Single(result.Errors!).Code);
    }

    public void Dispose() => _services.Dispose();

    private async Task<ExecutionResult> ExecuteAsync(string query, Inputs? variables = null) =>
        await _services.GetRequiredService<IDocumentExecuter>().ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            Variables = variables,
            RequestServices = _services,
            UserContext = new PortalUserContext(null, _services, CancellationToken.None),
        });

    private static void AssertRefusedBeforeExecution(ExecutionResult result, string field)
    {
        var json = new GraphQLSerializer().Serialize(result);
        Assert.False(result.Executed, json);
        var error = Assert.Single(result.Errors!);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.Contains("id", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Data);
    }
}
