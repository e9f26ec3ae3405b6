using System.Text.RegularExpressions;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>Every query and mutation, sent by anonymous, the owner, another developer and an admin (see <see cref="AuthorizationCases"/>).</summary>
[Collection(PortalCollection.Name)]
public sealed class AuthorizationMatrixTests(PortalHost host)
{
    public static TheoryData<string> Rows => new(AuthorizationCases.All.Keys);

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Answers_each_caller_as_the_rules_say(string row)
    {
        var matrixCase = AuthorizationCases.All[row];
        var world = await AuthorizationWorld.ForAsync(host);
        var token = matrixCase.Caller == MatrixCaller.Anonymous ? null : world.TokenOf(matrixCase.Caller);
        var before = matrixCase.Unchanged is null ? null : await matrixCase.Unchanged(world);

        var response = await host.GraphQL.SendAsync(matrixCase.Query, matrixCase.Variables(world), token);

        await matrixCase.Expect(response, world);
        if (matrixCase.Unchanged is not null)
        {
            Assert.Equal(before, await matrixCase.Unchanged(world));
        }
    }

    [Fact]
    public void The_matrix_covers_every_query_and_mutation_of_the_schema_for_every_caller()
    {
        var operations = SchemaOperations("Query").Concat(SchemaOperations("Mutation")).ToList();
        Assert.True(operations.Count >= 26, "schema.graphql parsed to: " + string.Join(", ", operations));
        foreach (var operation in operations)
        {
            foreach (var caller in Enum.GetValues<MatrixCaller>())
            {
                Assert.True(
                    AuthorizationCases.All.Values.Any(c => c.Caller == caller && TopLevelField(c.Query) == operation),
                    $"no row sends {operation} as {caller}");
            }
        }
    }

    /// <summary>The fields of a root type in the committed schema file.</summary>
    private static IEnumerable<string> SchemaOperations(string rootType)
    {
        var schema = File.ReadAllLines(Path.Combine(DevIdentityProvider.RepositoryRoot(), "src", "PortalGrains.GraphQL", "schema.graphql"));
        var inType = false;
        foreach (var line in schema)
        {
            if (line.StartsWith($"type {rootType} ", StringComparison.Ordinal))
            {
                inType = true;
            }
            else if (inType && line.StartsWith('}'))
            {
                yield break;
            }
            else if (inType && Regex.Match(line, @"^\s+([A-Za-z_][A-Za-z0-9_]*)\s*[(:]") is { Success: true } field)
            {
                yield return field.Groups[1].Value;
            }
        }
    }

    /// <summary>The first field of the document's operation: the matrix's documents select one root field each.</summary>
    private static string TopLevelField(string query)
    {
        var body = query[(query.IndexOf('{') + 1)..].TrimStart();
        return new string([.. body.TakeWhile(char.IsAsciiLetterOrDigit)]);
    }
}
