using System.Text.Json;
using PortalGrains.GraphQL.Tests.Infrastructure;

namespace PortalGrains.GraphQL.Tests.Api;

/// <summary>
/// Answers of catalogue queries and of verifyToken are served again from memory: what one caller was answered must
/// never reach a caller who may see more or less, and a change of the catalogue or of a provider shows at once on
/// this silo.
/// Each test's query texts carry a fresh comment, so they are its own cache entries.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class QueryAnswerCacheTests(PortalHostFixture portal)
{
    private const string UpsertProduct = "mutation($input: UpsertProductInput!) { upsertProduct(input: $input) { errors { code message } } }";

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task A_product_published_after_a_cached_answer_shows_in_the_next_one()
    {
        var admin = await LoginIdp.LoginTokenAsync("admin-" + _suffix, scope: "portal:admin");
        var developer = await LoginIdp.LoginTokenAsync("dev-" + _suffix);
        var query = Query("{ products { id name } }");
        await UpsertProductAsync(admin, "first-" + _suffix, published: true);

        var before = await ProductIdsAsync(query, developer);
        var again = await ProductIdsAsync(query, developer);
        await UpsertProductAsync(admin, "second-" + _suffix, published: true);
        var after = await ProductIdsAsync(query, developer);

        Assert.Contains("first-" + _suffix, before);
        Assert.Equal(before, again);
        Assert.DoesNotContain("second-" + _suffix, before);
        Assert.Contains("second-" + _suffix, after);
    }

    [Fact]
    public async Task An_answer_cached_for_a_developer_never_reaches_an_admin_and_the_reverse()
    {
        var admin = await LoginIdp.LoginTokenAsync("admin-" + _suffix, scope: "portal:admin");
        var developer = await LoginIdp.LoginTokenAsync("dev-" + _suffix);
        var hidden = "hidden-" + _suffix;
        await UpsertProductAsync(admin, hidden, published: false);
        var developerFirst = Query("{ products { id } }");
        var adminFirst = Query("{ products { id } }");

        var developerAnswer = await ProductIdsAsync(developerFirst, developer);
        var adminAfterDeveloper = await ProductIdsAsync(developerFirst, admin);
        var adminAnswer = await ProductIdsAsync(adminFirst, admin);
        var developerAfterAdmin = await ProductIdsAsync(adminFirst, developer);
        var anonymousAfterAdmin = await ProductIdsAsync(adminFirst, token: null);

        Assert.DoesNotContain(hidden, developerAnswer);
        Assert.Contains(hidden, adminAfterDeveloper);
        Assert.Contains(hidden, adminAnswer);
        Assert.DoesNotContain(hidden, developerAfterAdmin);
        Assert.DoesNotContain(hidden, anonymousAfterAdmin);
    }

    [Fact]
    public async Task A_query_that_also_asks_for_the_viewer_answers_each_caller_with_their_own_data()
    {
        var query = Query("{ viewer { id } products { id } }");
        var ada = "ada-" + _suffix;
        var bob = "bob-" + _suffix;

        var first = await portal.GraphQL.PostAsync(query, await LoginIdp.LoginTokenAsync(ada));
        var second = await portal.GraphQL.PostAsync(query, await LoginIdp.LoginTokenAsync(bob));

        Assert.Equal(ada, first.Data.GetProperty("viewer").GetProperty("id").GetString());
        Assert.Equal(bob, second.Data.GetProperty("viewer").GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_same_query_with_other_variables_gets_its_own_answer()
    {
        var admin = await LoginIdp.LoginTokenAsync("admin-" + _suffix, scope: "portal:admin");
        var developer = await LoginIdp.LoginTokenAsync("dev-" + _suffix);
        await UpsertProductAsync(admin, "a-" + _suffix, published: true);
        await UpsertProductAsync(admin, "b-" + _suffix, published: true);
        var query = Query("query($id: ID!) { product(id: $id) { id } }");

        var a = await portal.GraphQL.PostAsync(query, developer, new { id = "a-" + _suffix });
        var b = await portal.GraphQL.PostAsync(query, developer, new { id = "b-" + _suffix });
        var aAgain = await portal.GraphQL.PostAsync(query, developer, new { id = "a-" + _suffix });

        Assert.Equal("a-" + _suffix, a.Data.GetProperty("product").GetProperty("id").GetString());
        Assert.Equal("b-" + _suffix, b.Data.GetProperty("product").GetProperty("id").GetString());
        Assert.Equal(a.Body.ToString(), aAgain.Body.ToString());
    }

    [Fact]
    public async Task A_renamed_client_type_of_the_products_provider_shows_at_once()
    {
        var admin = await LoginIdp.LoginTokenAsync("admin-" + _suffix, scope: "portal:admin");
        var developer = await LoginIdp.LoginTokenAsync("dev-" + _suffix);
        var providerId = "idp-" + _suffix;
        await UpsertProviderAsync(admin, providerId, "Machine to machine");
        var product = "typed-" + _suffix;
        var upsert = await portal.GraphQL.PostAsync(UpsertProduct, admin, new
        {
            input = new { id = product, name = product, published = true, dcrEnabled = true, providerId, scopes = new[] { "t:" + _suffix }, clientTypeIds = new[] { "m2m" } },
        });
        Assert.True(upsert.Errors.Count == 0 && upsert.Data.GetProperty("upsertProduct").GetProperty("errors").GetArrayLength() == 0, upsert.ToString());
        var query = Query("query($id: ID!) { product(id: $id) { clientTypes { id name } } }");

        var before = await portal.GraphQL.PostAsync(query, developer, new { id = product });
        await UpsertProviderAsync(admin, providerId, "Service account");
        var after = await portal.GraphQL.PostAsync(query, developer, new { id = product });

        Assert.Equal("Machine to machine", ClientTypeName(before));
        Assert.Equal("Service account", ClientTypeName(after));
    }

    private static string Query(string text) => $"# {Guid.NewGuid():N}\n{text}";

    private static string? ClientTypeName(GraphQLEndpointResponse response) =>
        response.Data.GetProperty("product").GetProperty("clientTypes")[0].GetProperty("name").GetString();

    private async Task<List<string?>> ProductIdsAsync(string query, string? token)
    {
        var response = await portal.GraphQL.PostAsync(query, token);
        Assert.True(response.Errors.Count == 0, response.ToString());
        return [.. response.Data.GetProperty("products").EnumerateArray().Select(p => p.GetProperty("id").GetString())];
    }

    private async Task UpsertProductAsync(string admin, string id, bool published)
    {
        var response = await portal.GraphQL.PostAsync(UpsertProduct, admin, new
        {
            input = new { id, name = "Product " + id, published, dcrEnabled = false, scopes = new[] { "p:" + id }, clientTypeIds = Array.Empty<string>() },
        });
        Assert.True(response.Errors.Count == 0 && response.Data.GetProperty("upsertProduct").GetProperty("errors").GetArrayLength() == 0, response.ToString());
    }

    private async Task UpsertProviderAsync(string admin, string id, string clientTypeName)
    {
        var response = await portal.GraphQL.PostAsync(
            "mutation($input: UpsertProviderInput!) { upsertProvider(input: $input) { provider { id } errors { code message } } }", admin, new
            {
                input = new
                {
                    id,
                    name = "Dev IdP " + id,
                    kind = "OTHER",
                    wellKnownUrl = LoginIdp.IssuerText + "/.well-known/openid-configuration",
                    clientTypes = new[]
                    {
                        new { id = "m2m", name = clientTypeName, responseTypes = Array.Empty<string>(), grantTypes = new[] { "client_credentials" }, tokenEndpointAuthMethod = "client_secret_basic" },
                    },
                },
            });
        Assert.True(response.Errors.Count == 0 && response.Data.GetProperty("upsertProvider").GetProperty("errors").GetArrayLength() == 0, response.ToString());
        Assert.Equal(JsonValueKind.Object, response.Data.GetProperty("upsertProvider").GetProperty("provider").ValueKind);
    }
}
