using PortalGrains.Abstractions.Common;
using PortalGrains.GraphQL.Execution;

namespace PortalGrains.GraphQL.Tests.Errors;

public sealed class InputValidatorTests
{
    [Theory]
    [InlineData("", UserErrorCodes.Required)]
    [InlineData("a/b", UserErrorCodes.Invalid)]
    [InlineData("a#b", UserErrorCodes.Invalid)]
    [InlineData("a\u0001b", UserErrorCodes.Invalid)]
    public void Ids_that_cannot_be_grain_keys_are_user_errors_on_their_field(string id, string code)
    {
        var error = Assert.Single(new InputValidator().Id(id, "id").Errors);

        Assert.Equal(code, error.Code);
        Assert.Equal(["input", "id"], error.Field.ToArray());
    }

    [Fact]
    public void A_long_id_is_TOO_LONG_and_a_null_id_is_fine()
    {
        Assert.Equal(UserErrorCodes.TooLong, Assert.Single(new InputValidator().Id(new string('x', InputLimits.MaxIdLength + 1), "id").Errors).Code);
        Assert.Empty(new InputValidator().Id(new string('x', InputLimits.MaxIdLength), "id").Id(null, "other").Errors);
    }

    [Fact]
    public void List_entries_are_addressed_by_index()
    {
        var errors = new InputValidator().Scopes(["orders:read", "has space", "quote\""], "scopes").Errors;

        Assert.Equal([["input", "scopes", "1"], ["input", "scopes", "2"]], errors.Select(e => e.Field.ToArray()).ToArray());
        Assert.All(errors, e => Assert.Equal(UserErrorCodes.Invalid, e.Code));
    }

    [Fact]
    public void Too_many_entries_and_required_text_are_reported()
    {
        var errors = new InputValidator()
            .Texts(Enumerable.Repeat("https://app.example.com/cb", InputLimits.MaxRedirectUris + 1).ToList(), InputLimits.MaxRedirectUris, InputLimits.MaxUrlLength, "redirectUris")
            .RequiredText("  ", InputLimits.MaxNameLength, "newApplication", "name")
            .Errors;

        Assert.Equal([UserErrorCodes.TooMany, UserErrorCodes.Required], errors.Select(e => e.Code).ToArray());
        Assert.Equal(["input", "newApplication", "name"], errors[1].Field.ToArray());
    }
}
