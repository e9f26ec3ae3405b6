using GraphQL;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PortalGrains.GraphQL.Hosting;
using PortalGrains.GraphQL.Http;
using PortalGrains.GraphQL.Schema;

namespace PortalGrains.GraphQL.Tests.Http;

/// <summary>GraphQL:EnableIntrospection: answered in Development, refused elsewhere unless turned on.</summary>
public sealed class IntrospectionSettingTests
{
    private const string SchemaQuery = "{ __schema { queryType { name } } }";

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(false, null, false)]
    [InlineData(false, "true", true)]
    [InlineData(true, "false", false)]
    public async Task Introspection_defaults_to_development_only_and_the_setting_overrides_it(bool isDevelopment, string? setting, bool answered)
    {
        var result = await ExecuteAsync(SchemaQuery, isDevelopment, setting);

        if (answered)
        {
            Assert.True(result.Errors is null || result.Errors.Count == 0, string.Join("; ", result.Errors?.Select(e => e.Message) ?? []));
        }
        else
        {
            var error = Assert.Single(result.Errors!);
            Assert.Equal(IntrospectionDisabledValidationRule.ErrorCode, error.Code);
            Assert.StartsWith("Introspection is turned off on this server", error.Message);
            Assert.Null(result.Data);
        }
    }

    [Theory]
    [InlineData("{ __type(name: \"Query\") { name } }")]
    [InlineData("query { ...f } fragment f on Query { __schema { types { name } } }")]
    public async Task Type_lookups_and_introspection_inside_fragments_are_refused_too(string query)
    {
        var result = await ExecuteAsync(query, isDevelopment: false, setting: null);

        Assert.Equal(IntrospectionDisabledValidationRule.ErrorCode, Assert.Single(result.Errors!).Code);
    }

    [Fact]
    public async Task Typename_is_still_answered_with_introspection_off()
    {
        var result = await ExecuteAsync("{ __typename }", isDevelopment: false, setting: null);

        Assert.True(result.Errors is null || result.Errors.Count == 0);
    }

    private static async Task<ExecutionResult> ExecuteAsync(string query, bool isDevelopment, string? setting)
    {
        var settings = new Dictionary<string, string?>();
        if (setting is not null)
        {
            settings["GraphQL:EnableIntrospection"] = setting;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddPortalGraphQL(isDevelopment);
        await using var provider = services.BuildServiceProvider();
        var executer = provider.GetRequiredService<IDocumentExecuter<PortalSchema>>();
        return await executer.ExecuteAsync(new ExecutionOptions { Query = query, RequestServices = provider });
    }
}
