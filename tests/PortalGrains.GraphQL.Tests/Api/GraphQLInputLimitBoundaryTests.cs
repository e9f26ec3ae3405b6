using PortalGrains.Abstractions.Common;
using PortalGrains.GraphQL.Tests.Infrastructure;

namespace PortalGrains.GraphQL.Tests.Api;

/// <summary>
/// The GraphQL layer accepts each <see cref="InputLimits"/> value at the limit and refuses one more, with the code the
/// grains use for the same value (GrainInputLimitBoundaryTests). Where a value at the limit
/// reaches a grain that stores it (names, ids), the grain accepts it too.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class GraphQLInputLimitBoundaryTests(PortalHostFixture portal)
{
    private const string UpsertProduct = """
        mutation($input: UpsertProductInput!) {
          upsertProduct(input: $input) { product { id name } errors { code message field } }
        }
        """;

    [Theory]
    [InlineData(InputLimits.MaxNameLength, null)]
    [InlineData(InputLimits.MaxNameLength + 1, UserErrorCodes.TooLong)]
    public async Task A_name_is_accepted_up_to_the_limit(int length, string? code)
    {
        var id = NewId("name");
        var response = await portal.GraphQL.PostAsync(UpsertProduct, await AdminTokenAsync(), ProductInput(id, new string('n', length)));

        AssertOutcome(response, "upsertProduct", code, ["input", "name"]);
        if (code is null)
        {
            Assert.Equal(id, response.Data.GetProperty("upsertProduct").GetProperty("product").GetProperty("id").GetString());
        }
    }

    [Theory]
    [InlineData(InputLimits.MaxIdLength, null)]
    [InlineData(InputLimits.MaxIdLength + 1, UserErrorCodes.TooLong)]
    public async Task An_id_is_accepted_up_to_the_limit(int length, string? code)
    {
        var id = NewId("id").PadRight(length, 'i');
        var response = await portal.GraphQL.PostAsync(UpsertProduct, await AdminTokenAsync(), ProductInput(id, "Boundary"));

        AssertOutcome(response, "upsertProduct", code, ["input", "id"]);
        if (code is null)
        {
            Assert.Equal(id, response.Data.GetProperty("upsertProduct").GetProperty("product").GetProperty("id").GetString());
        }
    }

    [Theory]
    [InlineData(InputLimits.MaxUrlLength, null)]
    [InlineData(InputLimits.MaxUrlLength + 1, UserErrorCodes.TooLong)]
    public async Task A_redirect_uri_is_accepted_up_to_the_limit(int length, string? code)
    {
        const string prefix = "https://app.example.com/";
        var uri = prefix + new string('a', length - prefix.Length);
        var response = await portal.GraphQL.PostAsync(
            "mutation($input: UpdateApplicationInput!) { updateApplication(input: $input) { application { id } errors { code field } } }",
            await LoginIdp.LoginTokenAsync(NewId("dev")),
            new { input = new { id = NewId("unknown"), redirectUris = new[] { uri } } });

        AssertOutcome(response, "updateApplication", code, ["input", "redirectUris", "0"]);
    }

    [Theory]
    [InlineData(InputLimits.MaxReasonLength, null)]
    [InlineData(InputLimits.MaxReasonLength + 1, UserErrorCodes.TooLong)]
    public async Task A_reason_is_accepted_up_to_the_limit(int length, string? code)
    {
        var response = await portal.GraphQL.PostAsync(
            "mutation($input: DecideInput!) { rejectAccessRequest(input: $input) { accessRequest { id } errors { code field } } }",
            await AdminTokenAsync(),
            new { input = new { id = NewId("unknown"), reason = new string('r', length) } });

        AssertOutcome(response, "rejectAccessRequest", code, ["input", "reason"]);
    }

    [Theory]
    [InlineData(InputLimits.MaxGracePeriodSeconds, null)]
    [InlineData(InputLimits.MaxGracePeriodSeconds + 1, UserErrorCodes.Invalid)]
    public async Task A_grace_period_is_accepted_up_to_the_limit(int seconds, string? code)
    {
        var response = await portal.GraphQL.PostAsync(
            "mutation($input: RotateSecretInput!) { rotateClientSecret(input: $input) { application { id } errors { code field } } }",
            await LoginIdp.LoginTokenAsync(NewId("dev")),
            new { input = new { applicationId = NewId("unknown"), providerId = "p", gracePeriodSeconds = seconds } });

        AssertOutcome(response, "rotateClientSecret", code, ["input", "gracePeriodSeconds"]);
    }

    [Fact]
    public async Task A_page_is_accepted_up_to_the_limit()
    {
        var admin = await AdminTokenAsync();

        var atLimit = await portal.GraphQL.PostAsync($"{{ accessRequests(first: {InputLimits.MaxPageSize}) {{ totalCount }} }}", admin);
        var overLimit = await portal.GraphQL.PostAsync($"{{ accessRequests(first: {InputLimits.MaxPageSize + 1}) {{ totalCount }} }}", admin);

        Assert.True(atLimit.Errors.Count == 0, atLimit.ToString());
        Assert.Equal(["BAD_USER_INPUT"], overLimit.ErrorCodes);
    }

    /// <summary>
    /// Over the limit: a user error with <paramref name="code"/> on <paramref name="field"/>. At the limit: none on that
    /// field (an unknown id may still be NOT_FOUND afterwards, which shows the value passed the input checks).
    /// </summary>
    private static void AssertOutcome(GraphQLEndpointResponse response, string mutation, string? code, string[] field)
    {
        Assert.True(response.Errors.Count == 0, response.ToString());
        var onField = response.Data.GetProperty(mutation).GetProperty("errors").EnumerateArray()
            .Where(e => e.GetProperty("field").EnumerateArray().Select(f => f.GetString()).SequenceEqual(field))
            .Select(e => e.GetProperty("code").GetString())
            .ToList();
        Assert.Equal(code is null ? [] : [code], onField);
    }

    private static object ProductInput(string id, string name) =>
        new { input = new { id, name, dcrEnabled = false, scopes = new[] { "boundary:read" }, clientTypeIds = Array.Empty<string>() } };

    private static Task<string> AdminTokenAsync() => LoginIdp.LoginTokenAsync(NewId("admin"), scope: "portal:admin");

    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];
}
