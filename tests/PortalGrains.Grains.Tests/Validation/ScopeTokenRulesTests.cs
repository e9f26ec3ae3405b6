using PortalGrains.Abstractions.Common;
using PortalGrains.Grains.Validation;

namespace PortalGrains.Grains.Tests.Validation;

public sealed class ScopeTokenRulesTests
{
    [Theory]
    [InlineData("orders:read")]
    [InlineData("https://api.example.com/orders.read")]
    [InlineData("!")]
    [InlineData("a#[]^_`{|}~")]
    public void Accepts_rfc6749_scope_tokens(string scope) => Assert.True(ScopeTokenRules.IsScopeToken(scope));

    [Theory]
    [InlineData("")]
    [InlineData("orders read")]
    [InlineData("quote\"d")]
    [InlineData("back\\slash")]
    [InlineData("tab\t")]
    [InlineData("é")]
    [InlineData("\u007f")]
    public void Refuses_anything_else(string scope) => Assert.False(ScopeTokenRules.IsScopeToken(scope));

    [Fact]
    public void Requires_at_least_one_scope()
    {
        var errors = new List<UserError>();

        ScopeTokenRules.Validate([], errors, "input", "scopes");

        var error = Assert.Single(errors);
        Assert.Equal(UserErrorCodes.Required, error.Code);
        Assert.Equal(["input", "scopes"], error.Field.ToArray());
    }

    [Fact]
    public void Reports_invalid_and_duplicate_scopes_at_their_index()
    {
        var errors = new List<UserError>();

        ScopeTokenRules.Validate(["a", "b c", "a", new string('x', InputLimits.MaxScopeLength + 1)], errors, "input", "scopes");

        Assert.Collection(errors,
            e => Assert.Equal((UserErrorCodes.Invalid, "1"), (e.Code, e.Field[2])),
            e => Assert.Equal((UserErrorCodes.Invalid, "2"), (e.Code, e.Field[2])),
            e => Assert.Equal((UserErrorCodes.TooLong, "3"), (e.Code, e.Field[2])));
    }

    [Fact]
    public void Refuses_more_than_the_maximum()
    {
        var errors = new List<UserError>();
        var scopes = Enumerable.Range(0, InputLimits.MaxScopes).Select(i => $"s{i}").ToList();

        ScopeTokenRules.Validate(scopes, errors, "input", "scopes");
        Assert.Empty(errors);

        ScopeTokenRules.Validate([.. scopes, "one-more"], errors, "input", "scopes");
        Assert.Equal(UserErrorCodes.TooMany, Assert.Single(errors).Code);
    }
}
