using System.Text.Json;
using PortalGrains.GraphQL.Tests.Infrastructure;

namespace PortalGrains.GraphQL.Tests.Api;

/// <summary>The catalogue through the API (served from the silo's catalogue copy), user errors, and what callers may not see.</summary>
[Collection(PortalHostCollection.Name)]
public sealed class CatalogueAndVisibilityTests(PortalHostFixture portal)
{
    private const string UpsertProduct = """
        mutation($input: UpsertProductInput!) {
          upsertProduct(input: $input) { product { id name published } errors { code message field } }
        }
        """;

    [Fact]
    public async Task Unpublished_products_are_seen_by_admins_only_and_a_write_is_read_at_once()
    {
        var admin = await AdminTokenAsync();
        var developer = await LoginIdp.LoginTokenAsync(NewId("dev"));
        var published = await UpsertProductAsync(admin, NewId("published"), published: true);
        var draft = await UpsertProductAsync(admin, NewId("draft"), published: false);

        var anonymous = await portal.GraphQL.PostAsync("{ products { id } }");
        var asDeveloper = await portal.GraphQL.PostAsync(
            "query($id: ID!) { product(id: $id) { id } products { id } }", developer, new { id = draft });
        var asAdmin = await portal.GraphQL.PostAsync(
            "query($id: ID!) { product(id: $id) { id published } products { id } }", admin, new { id = draft });

        Assert.True(anonymous.Errors.Count == 0 && asDeveloper.Errors.Count == 0 && asAdmin.Errors.Count == 0, $"{anonymous} {asDeveloper} {asAdmin}");
        Assert.Contains(published, Ids(anonymous.Data.GetProperty("products")));
        Assert.DoesNotContain(draft, Ids(anonymous.Data.GetProperty("products")));
        Assert.Equal(JsonValueKind.Null, asDeveloper.Data.GetProperty("product").ValueKind);
        Assert.DoesNotContain(draft, Ids(asDeveloper.Data.GetProperty("products")));
        Assert.False(asAdmin.Data.GetProperty("product").GetProperty("published").GetBoolean());
        Assert.Contains(draft, Ids(asAdmin.Data.GetProperty("products")));
        Assert.Contains(published, Ids(asAdmin.Data.GetProperty("products")));
    }

    [Fact]
    public async Task A_plan_written_by_an_admin_is_in_the_anonymous_catalogue()
    {
        var id = NewId("plan");
        var response = await portal.GraphQL.PostAsync(
            """
            mutation($input: UpsertPlanInput!) {
              upsertPlan(input: $input) { plan { id autoApprove rateLimit { requests perSeconds } quota { requests periodSeconds } } errors { code } }
            }
            """,
            await AdminTokenAsync(),
            new { input = new { id, name = "Gold", scopes = new[] { "orders:bulk" }, rateLimit = new { requests = 100, perSeconds = 60 }, quota = new { requests = 10000, periodSeconds = 86400 } } });
        var plans = await portal.GraphQL.PostAsync("{ plans { id name scopes } }");

        Assert.True(response.Errors.Count == 0, response.ToString());
        var plan = response.Data.GetProperty("upsertPlan").GetProperty("plan");
        Assert.False(plan.GetProperty("autoApprove").GetBoolean());
        Assert.Equal(60, plan.GetProperty("rateLimit").GetProperty("perSeconds").GetInt32());
        Assert.Contains(id, Ids(plans.Data.GetProperty("plans")));
    }

    [Fact]
    public async Task Input_the_grain_never_sees_and_business_rules_of_the_grain_are_user_errors()
    {
        var admin = await AdminTokenAsync();

        var tooLong = await portal.GraphQL.PostAsync(UpsertProduct, admin,
            new { input = new { id = new string('p', 129), name = "p", dcrEnabled = false, scopes = Array.Empty<string>(), clientTypeIds = Array.Empty<string>() } });
        var badScope = await portal.GraphQL.PostAsync(UpsertProduct, admin,
            new { input = new { name = "p", dcrEnabled = false, scopes = new[] { "two words" }, clientTypeIds = Array.Empty<string>() } });
        var noProvider = await portal.GraphQL.PostAsync(UpsertProduct, admin,
            new { input = new { name = "p", dcrEnabled = true, scopes = new[] { "orders:read" }, clientTypeIds = Array.Empty<string>() } });

        AssertUserError(tooLong, "upsertProduct", "TOO_LONG", "input", "id");
        AssertUserError(badScope, "upsertProduct", "INVALID", "input", "scopes", "0");
        AssertUserError(noProvider, "upsertProduct", "REQUIRED", "input", "providerId");
    }

    [Fact]
    public async Task Applications_and_access_requests_the_caller_may_not_see_are_null_or_NOT_FOUND()
    {
        var developer = await LoginIdp.LoginTokenAsync(NewId("dev"));
        var id = NewId("unknown");

        var reads = await portal.GraphQL.PostAsync(
            "query($id: ID!) { application(id: $id) { id } accessRequest(id: $id) { id } }", developer, new { id });
        var delete = await portal.GraphQL.PostAsync(
            "mutation($id: ID!) { deleteApplication(input: { id: $id }) { deletedId errors { code field } } }", developer, new { id });
        var update = await portal.GraphQL.PostAsync(
            "mutation($id: ID!) { updateApplication(input: { id: $id, name: \"n\" }) { application { id } errors { code field } } }", developer, new { id });
        var rotate = await portal.GraphQL.PostAsync(
            "mutation($id: ID!) { rotateClientSecret(input: { applicationId: $id, providerId: \"p\" }) { application { id } errors { code field } } }", developer, new { id });
        var revoke = await portal.GraphQL.PostAsync(
            "mutation($id: ID!) { revokeAccessRequest(input: { id: $id }) { accessRequest { id } errors { code field } } }", developer, new { id });

        Assert.True(reads.Errors.Count == 0, reads.ToString());
        Assert.Equal(JsonValueKind.Null, reads.Data.GetProperty("application").ValueKind);
        Assert.Equal(JsonValueKind.Null, reads.Data.GetProperty("accessRequest").ValueKind);
        AssertUserError(delete, "deleteApplication", "NOT_FOUND", "input", "id");
        AssertUserError(update, "updateApplication", "NOT_FOUND", "input", "id");
        AssertUserError(rotate, "rotateClientSecret", "NOT_FOUND", "input", "applicationId");
        AssertUserError(revoke, "revokeAccessRequest", "NOT_FOUND", "input", "id");
    }

    [Fact]
    public async Task A_page_size_or_cursor_out_of_range_is_BAD_USER_INPUT()
    {
        var admin = await AdminTokenAsync();

        var tooMany = await portal.GraphQL.PostAsync("{ accessRequests(first: 101) { totalCount } }", admin);
        var badCursor = await portal.GraphQL.PostAsync("{ accessRequests(status: PENDING, after: \"not-a-cursor\") { totalCount } }", admin);

        Assert.Equal(["BAD_USER_INPUT"], tooMany.ErrorCodes);
        Assert.Equal(["BAD_USER_INPUT"], badCursor.ErrorCodes);
    }

    [Fact]
    public async Task Checking_the_connection_of_an_unknown_provider_is_NOT_FOUND()
    {
        var response = await portal.GraphQL.PostAsync(
            "mutation($id: ID!) { testProviderConnection(input: { id: $id }) { steps { name } errors { code field } } }",
            await AdminTokenAsync(), new { id = NewId("idp") });

        AssertUserError(response, "testProviderConnection", "NOT_FOUND", "input", "id");
        Assert.Equal(0, response.Data.GetProperty("testProviderConnection").GetProperty("steps").GetArrayLength());
    }

    [Fact]
    public async Task A_developer_updates_the_profile_and_an_invalid_email_is_a_user_error()
    {
        var developer = await LoginIdp.LoginTokenAsync(NewId("dev"), email: "ada@example.com");

        var renamed = await portal.GraphQL.PostAsync(
            "mutation { updateMyProfile(input: { name: \"Ada King\" }) { viewer { name email } errors { code } } }", developer);
        var invalid = await portal.GraphQL.PostAsync(
            "mutation { updateMyProfile(input: { email: \"not an address\" }) { viewer { email } errors { code field } } }", developer);

        Assert.True(renamed.Errors.Count == 0, renamed.ToString());
        var viewer = renamed.Data.GetProperty("updateMyProfile").GetProperty("viewer");
        Assert.Equal("Ada King", viewer.GetProperty("name").GetString());
        Assert.Equal("ada@example.com", viewer.GetProperty("email").GetString());
        Assert.True(invalid.Errors.Count == 0, invalid.ToString());
        Assert.Equal(JsonValueKind.Null, invalid.Data.GetProperty("updateMyProfile").GetProperty("viewer").ValueKind);
        Assert.NotEqual(0, invalid.Data.GetProperty("updateMyProfile").GetProperty("errors").GetArrayLength());
    }

    private async Task<string> UpsertProductAsync(string adminToken, string id, bool published)
    {
        var response = await portal.GraphQL.PostAsync(UpsertProduct, adminToken,
            new { input = new { id, name = "Orders " + id, published, dcrEnabled = false, scopes = new[] { "orders:read" }, clientTypeIds = Array.Empty<string>() } });
        Assert.True(response.Errors.Count == 0, response.ToString());
        var payload = response.Data.GetProperty("upsertProduct");
        Assert.True(payload.GetProperty("errors").GetArrayLength() == 0, response.ToString());
        return payload.GetProperty("product").GetProperty("id").GetString()!;
    }

    private static void AssertUserError(GraphQLEndpointResponse response, string mutation, string code, params string[] field)
    {
        Assert.True(response.Errors.Count == 0, response.ToString());
        var errors = response.Data.GetProperty(mutation).GetProperty("errors");
        Assert.True(
            errors.EnumerateArray().Any(e => e.GetProperty("code").GetString() == code &&
                e.GetProperty("field").EnumerateArray().Select(f => f.GetString()).SequenceEqual(field)),
            $"expected a {code} user error on {string.Join('.', field)}: {response}");
    }

    private static Task<string> AdminTokenAsync() => LoginIdp.LoginTokenAsync(NewId("admin"), scope: "portal:admin");

    private static List<string?> Ids(JsonElement list) => [.. list.EnumerateArray().Select(e => e.GetProperty("id").GetString())];

    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];
}
