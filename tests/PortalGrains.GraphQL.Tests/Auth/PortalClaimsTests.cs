using System.Security.Claims;
using PortalGrains.GraphQL.Auth;

namespace PortalGrains.GraphQL.Tests.Auth;

public sealed class PortalClaimsTests
{
    private static readonly PortalAuthOptions Options = new();

    [Theory]
    [InlineData("scope", "openid portal:admin profile")]
    [InlineData("scp", "portal:admin")]
    [InlineData("roles", "portal-admin")]
    [InlineData("role", "portal-admin")]
    [InlineData(ClaimTypes.Role, "portal-admin")]
    public void An_admin_scope_or_role_makes_an_admin(string claimType, string value)
    {
        var user = PortalClaims.ToPortalUser(Principal(("sub", "u-1"), (claimType, value)), Options);

        Assert.NotNull(user);
        Assert.True(user.IsAdmin);
    }

    [Fact]
    public void A_role_array_is_one_claim_per_element()
    {
        var user = PortalClaims.ToPortalUser(Principal(("sub", "u-1"), ("roles", "developer"), ("roles", "portal-admin")), Options);

        Assert.True(user!.IsAdmin);
    }

    [Theory]
    [InlineData("scope", "portal:admins portal:read")]
    [InlineData("scope", "portal")]
    [InlineData("roles", "portal-administrator")]
    [InlineData("roles", "portal-admin extra")]
    [InlineData("email", "portal-admin")]
    public void Anything_else_is_a_developer(string claimType, string value)
    {
        var user = PortalClaims.ToPortalUser(Principal(("sub", "u-1"), (claimType, value)), Options);

        Assert.NotNull(user);
        Assert.False(user.IsAdmin);
    }

    [Fact]
    public void The_user_is_the_sub_with_email_and_name_claims()
    {
        var user = PortalClaims.ToPortalUser(Principal(("sub", "user-42"), ("email", "ada@example.com"), ("name", "Ada")), Options);

        Assert.Equal(new PortalUser("user-42", false, "ada@example.com", "Ada"), user);
        Assert.Equal(new Abstractions.Common.Caller("user-42", false), user!.ToCaller());
    }

    [Fact]
    public void Without_sub_or_authentication_there_is_no_user()
    {
        Assert.Null(PortalClaims.ToPortalUser(Principal(("email", "ada@example.com")), Options));
        Assert.Null(PortalClaims.ToPortalUser(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "u-1")])), Options));
        Assert.Null(PortalClaims.ToPortalUser(null, Options));
    }

    [Fact]
    public void Configured_markers_replace_the_defaults()
    {
        var options = new PortalAuthOptions { AdminScope = "api:admin", AdminRole = "ops" };

        Assert.True(PortalClaims.ToPortalUser(Principal(("sub", "u"), ("roles", "ops")), options)!.IsAdmin);
        Assert.False(PortalClaims.ToPortalUser(Principal(("sub", "u"), ("scope", "portal:admin")), options)!.IsAdmin);
    }

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), authenticationType: "Bearer"));
}
