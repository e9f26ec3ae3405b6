using GraphQL;
using GraphQL.Utilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PortalGrains.GraphQL.Hosting;
using PortalGrains.GraphQL.Schema;
using PortalGrains.GraphQL.Tests.Infrastructure;

namespace PortalGrains.GraphQL.Tests.Schema;

/// <summary>
/// The schema as printed from the graph types must equal the committed src/PortalGrains.GraphQL/schema.graphql, so
/// that every change of the API shows up in review. Regenerate with UPDATE_SCHEMA=1.
/// </summary>
public sealed class SchemaSnapshotTests
{
    private static readonly string SchemaFile = Path.Combine(Repository.Root, "src", "PortalGrains.GraphQL", "schema.graphql");

    public static string PrintSchema()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddPortalGraphQL(isDevelopment: false);
        using var provider = services.BuildServiceProvider();
        var schema = provider.GetRequiredService<PortalSchema>();
        schema.Initialize();
        return Normalize(schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true }));
    }

    [Fact]
    public void The_committed_schema_file_matches_the_graph_types()
    {
        var printed = PrintSchema();
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1")
        {
            File.WriteAllText(SchemaFile, printed);
        }

        var committed = File.Exists(SchemaFile) ? Normalize(File.ReadAllText(SchemaFile)) : "";
        Assert.True(
            committed == printed,
            $"{SchemaFile} differs from the schema the graph types print. If the change is intended, regenerate it with " +
            "'UPDATE_SCHEMA=1 dotnet test tests/PortalGrains.GraphQL.Tests --filter FullyQualifiedName~SchemaSnapshotTests' and commit it." +
            Environment.NewLine + FirstDifference(committed, printed));
    }

    [Fact]
    public void The_schema_names_the_contract_scalars_enums_and_roots()
    {
        var printed = PrintSchema();
        Assert.Contains("scalar DateTime", printed);
        Assert.Contains("enum IdentityProviderKind {", printed);
        foreach (var value in new[] { "OTHER", "KEYCLOAK", "OKTA", "CURITY", "GLUU", "AUTH0" })
        {
            Assert.Contains("  " + value + "\n", printed);
        }

        Assert.Contains("type Query {", printed);
        Assert.Contains("type Mutation {", printed);
        Assert.Contains("accessRequests(status: AccessRequestStatus, first: Int = 50, after: String): AccessRequestConnection!", printed);
        Assert.Contains("gracePeriodSeconds: Int = 0", printed);
        Assert.Contains("testProviderConnection(input: TestProviderConnectionInput!): TestProviderConnectionPayload!", printed);
    }

    private static string Normalize(string sdl) => sdl.Replace("\r\n", "\n").TrimEnd() + "\n";

    private static string FirstDifference(string committed, string printed)
    {
        var left = committed.Split('\n');
        var right = printed.Split('\n');
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var l = i < left.Length ? left[i] : "<end of file>";
            var r = i < right.Length ? right[i] : "<end of schema>";
            if (l != r)
            {
                return $"first difference at line {i + 1}:{Environment.NewLine}  committed: {l}{Environment.NewLine}  printed:   {r}";
            }
        }

        return "no line differs";
    }
}
