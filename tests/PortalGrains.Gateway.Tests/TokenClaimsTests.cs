using Microsoft.IdentityModel.JsonWebTokens;

namespace PortalGrains.Gateway.Tests;

public sealed class TokenClaimsTests : IDisposable
{
    private readonly TestTokens _tokens = new();

    public void Dispose() => _tokens.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("!!!.###.$$$")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln")]
    public void Text_that_is_not_a_jwt_cannot_be_read(string text)
    {
        Assert.False(TokenClaims.TryRead(text, out _));
    }

    [Fact]
    public void The_client_is_client_id_else_azp_else_sub()
    {
        Assert.Equal("c", ClientId(new() { ["client_id"] = "c", ["azp"] = "a", ["sub"] = "s" }));
        Assert.Equal("a", ClientId(new() { ["azp"] = "a", ["sub"] = "s" }));
        Assert.Equal("s", ClientId(new() { ["sub"] = "s" }));
        Assert.Null(ClientId(new() { ["other"] = "x" }));
    }

    [Fact]
    public void Scopes_come_from_the_space_separated_scope_claim_else_from_scp()
    {
        Assert.Equal(["a", "b", "c"], Scopes(new() { ["scope"] = "a b  b c", ["scp"] = new[] { "x" } }));
        Assert.Equal(["x", "y"], Scopes(new() { ["scp"] = new[] { "x", "y", "x" } }));
        Assert.Equal(["p", "q"], Scopes(new() { ["scp"] = "p q" }));
        Assert.Empty(Scopes(new() { ["client_id"] = "c" }));
    }

    [Fact]
    public void Entra_app_roles_in_roles_are_scopes_only_where_asked_for()
    {
        var claims = new Dictionary<string, object> { ["scp"] = "user.read", ["roles"] = new[] { "orders.read", "plan.gold", "orders.read" } };

        Assert.Equal(["user.read", "orders.read", "plan.gold"], TokenClaims.ScopesOf(Read(claims), includeRoles: true).AsEnumerable());
        Assert.Equal(["orders.read"], TokenClaims.ScopesOf(Read(new() { ["roles"] = new[] { "orders.read" } }), includeRoles: true).AsEnumerable());
        Assert.Equal(["user.read"], Scopes(claims));
    }

    [Fact]
    public void The_audience_is_the_aud_string_or_array_taken_whole_and_empty_when_absent()
    {
        Assert.Equal(["urn:api"], Audience(new() { ["aud"] = "urn:api" }));
        Assert.Equal(["https://api.example/a b", "urn:other"], Audience(new() { ["aud"] = new[] { "https://api.example/a b", "urn:other", "urn:other" } }));
        Assert.Empty(Audience(new() { ["client_id"] = "c" }));
    }

    [Fact]
    public void The_issuer_is_read_from_the_payload()
    {
        Assert.True(TokenClaims.TryRead(_tokens.Create(), out var jwt));
        Assert.Equal(TestTokens.Issuer, TokenClaims.IssuerOf(jwt));
    }

    private string? ClientId(Dictionary<string, object> claims) => TokenClaims.ClientIdOf(Read(claims));

    private IEnumerable<string> Scopes(Dictionary<string, object> claims) => TokenClaims.ScopesOf(Read(claims));

    private IEnumerable<string> Audience(Dictionary<string, object> claims) => TokenClaims.AudienceOf(Read(claims));

    private JsonWebToken Read(Dictionary<string, object> claims)
    {
        Assert.True(TokenClaims.TryRead(_tokens.Create(claims), out var jwt));
        return jwt;
    }
}
