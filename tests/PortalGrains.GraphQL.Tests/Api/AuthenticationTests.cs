using System.Net;
using System.Net.Http.Headers;
using PortalGrains.GraphQL.Tests.Infrastructure;

namespace PortalGrains.GraphQL.Tests.Api;

/// <summary>Login tokens of the real dev IdP against the real host: who may call what, and refused tokens.</summary>
[Collection(PortalHostCollection.Name)]
public sealed class AuthenticationTests(PortalHostFixture portal)
{
    [Fact]
    public async Task Anonymous_callers_read_the_published_catalogue()
    {
        var response = await portal.GraphQL.PostAsync("{ serverVersion products { id name published clientTypes { id } } plans { id name } }");

        Assert.True(response.Status == HttpStatusCode.OK && response.Errors.Count == 0, response.ToString());
        Assert.All(response.Data.GetProperty("products").EnumerateArray(), p => Assert.True(p.GetProperty("published").GetBoolean()));
        Assert.Equal(System.Text.Json.JsonValueKind.Array, response.Data.GetProperty("plans").ValueKind);
    }

    [Theory]
    [InlineData("{ viewer { id } }")]
    [InlineData("{ application(id: \"a-1\") { id } }")]
    [InlineData("{ accessRequest(id: \"r-1\") { id } }")]
    [InlineData("{ verifyToken(token: \"x.y.z\") { valid } }")]
    [InlineData("{ providers { id } }")]
    [InlineData("mutation { updateMyProfile(input: { name: \"Ada\" }) { errors { code } } }")]
    [InlineData("mutation { checkout(input: { productId: \"p\", planId: \"q\", clientTypeId: \"c\", newApplication: { name: \"n\" } }) { errors { code } } }")]
    public async Task Anonymous_callers_are_UNAUTHENTICATED_outside_the_catalogue(string query)
    {
        var response = await portal.GraphQL.PostAsync(query);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(response.ErrorCodes.SequenceEqual(["UNAUTHENTICATED"]), response.ToString());
    }

    [Theory]
    [InlineData("{ providers { id } }")]
    [InlineData("{ provider(id: \"p-1\") { id } }")]
    [InlineData("{ accessRequests { totalCount } }")]
    [InlineData("{ gatewayConfig { tyk } }")]
    [InlineData("mutation { approveAccessRequest(input: { id: \"r-1\" }) { errors { code } } }")]
    [InlineData("mutation { upsertProduct(input: { name: \"p\", dcrEnabled: false, scopes: [], clientTypeIds: [] }) { errors { code } } }")]
    [InlineData("mutation { testProviderConnection(input: { id: \"p-1\" }) { steps { name } } }")]
    public async Task Developers_calling_admin_fields_are_FORBIDDEN(string query)
    {
        var token = await LoginIdp.LoginTokenAsync(NewSub(), scope: "openid portal:read", roles: "developer");

        var response = await portal.GraphQL.PostAsync(query, token);

        Assert.True(response.ErrorCodes.SequenceEqual(["FORBIDDEN"]), response.ToString());
    }

    public static TheoryData<string, string> RefusedTokens() => new()
    {
        { "forged (foreign key, the IdP's kid)", LoginIdp.SignWithForeignKey(LoginIdp.Claims(NewSub())) },
        { "expired (the IdP's key)", LoginIdp.SignWithIdpKey(LoginIdp.Claims(NewSub(), expires: DateTimeOffset.UtcNow.AddHours(-1))) },
        { "wrong audience (the IdP's key)", LoginIdp.SignWithIdpKey(LoginIdp.Claims(NewSub(), audience: "urn:portalgrains:api")) },
        { "no audience (the IdP's key)", LoginIdp.SignWithIdpKey(WithoutAudience(LoginIdp.Claims(NewSub()))) },
        { "alg none", LoginIdp.Unsigned(LoginIdp.Claims(NewSub())) },
        { "not a JWT", "not-a-token" },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_token_that_is_not_valid_refuses_the_whole_request(string what, string token)
    {
        // Even a field anonymous callers may read: a bad token is never downgraded to anonymous.
        var response = await portal.GraphQL.PostAsync("{ serverVersion products { id } }", token);

        Assert.True(response.Status == HttpStatusCode.Unauthorized, $"{what}: {response}");
        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
        Assert.False(response.Body.TryGetProperty("data", out _), $"{what}: {response}");
        Assert.Contains("invalid_token", response.Message.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task An_expired_token_is_reported_as_expired()
    {
        var token = LoginIdp.SignWithIdpKey(LoginIdp.Claims(NewSub(), expires: DateTimeOffset.UtcNow.AddHours(-1)));

        var response = await portal.GraphQL.PostAsync("{ viewer { id } }", token);

        Assert.Contains("expired", response.Errors[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_real_token_with_a_changed_payload_is_refused()
    {
        var sub = NewSub();
        var real = await LoginIdp.LoginTokenAsync(sub);
        var claims = LoginIdp.Claims(sub);
        claims["scope"] = "portal:admin";

        var response = await portal.GraphQL.PostAsync("{ viewer { isAdmin } }", LoginIdp.WithPayload(real, claims));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_token_signed_with_the_idps_key_for_the_right_audience_is_accepted()
    {
        // The control for the refusals above: the same hand-made claims, only valid.
        var sub = NewSub();

        var response = await portal.GraphQL.PostAsync("{ viewer { id } }", LoginIdp.SignWithIdpKey(LoginIdp.Claims(sub)));

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.Equal(sub, response.Data.GetProperty("viewer").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Credentials_other_than_a_bearer_token_are_refused()
    {
        var response = await portal.GraphQL.SendAsync("{ serverVersion }", new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
    }

    [Theory]
    [InlineData("openid portal:admin", null)]
    [InlineData(null, "developer portal-admin")]
    public async Task An_admin_is_recognized_by_scope_or_by_role(string? scope, string? roles)
    {
        var token = await LoginIdp.LoginTokenAsync(NewSub(), scope: scope, roles: roles);

        var response = await portal.GraphQL.PostAsync("{ viewer { isAdmin } providers { id } accessRequests(first: 5) { totalCount nodes { id } } }", token);

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.True(response.Data.GetProperty("viewer").GetProperty("isAdmin").GetBoolean());
    }

    [Fact]
    public async Task A_developer_is_not_an_admin()
    {
        var token = await LoginIdp.LoginTokenAsync(NewSub(), scope: "openid portal:read", roles: "developer admin");

        var response = await portal.GraphQL.PostAsync("{ viewer { isAdmin } }", token);

        Assert.True(response.Errors.Count == 0, response.ToString());
        Assert.False(response.Data.GetProperty("viewer").GetProperty("isAdmin").GetBoolean());
    }

    [Fact]
    public async Task The_viewer_creates_the_developer_profile_from_the_email_claim_on_first_use()
    {
        var sub = NewSub();
        var first = await portal.GraphQL.PostAsync(
            "{ viewer { id email name createdAt applications { id } accessRequests { id } } }",
            await LoginIdp.LoginTokenAsync(sub, email: "ada@example.com", name: "Ada Lovelace"));
        var later = await portal.GraphQL.PostAsync(
            "{ viewer { id email createdAt } }",
            await LoginIdp.LoginTokenAsync(sub, email: "other@example.com"));

        Assert.True(first.Errors.Count == 0, first.ToString());
        var viewer = first.Data.GetProperty("viewer");
        Assert.Equal(sub, viewer.GetProperty("id").GetString());
        Assert.Equal("ada@example.com", viewer.GetProperty("email").GetString());
        Assert.Equal("Ada Lovelace", viewer.GetProperty("name").GetString());
        Assert.Equal(0, viewer.GetProperty("applications").GetArrayLength());
        var createdAt = DateTimeOffset.Parse(viewer.GetProperty("createdAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(createdAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));

        // The profile was created once: a later token's claims do not overwrite it.
        Assert.True(later.Errors.Count == 0, later.ToString());
        Assert.Equal("ada@example.com", later.Data.GetProperty("viewer").GetProperty("email").GetString());
        Assert.Equal(viewer.GetProperty("createdAt").GetString(), later.Data.GetProperty("viewer").GetProperty("createdAt").GetString());
    }

    private static string NewSub() => "user-" + Guid.NewGuid().ToString("N")[..12];

    private static Dictionary<string, object> WithoutAudience(Dictionary<string, object> claims)
    {
        claims.Remove("aud");
        return claims;
    }
}
