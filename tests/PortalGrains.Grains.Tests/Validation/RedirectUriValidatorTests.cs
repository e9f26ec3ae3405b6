using PortalGrains.Abstractions.Common;
using PortalGrains.Grains.Validation;

namespace PortalGrains.Grains.Tests.Validation;

public sealed class RedirectUriValidatorTests
{
    [Theory]
    [InlineData("https://app.example.com/callback")]
    [InlineData("https://app.example.com:8443/oauth/callback?tenant=a")]
    [InlineData("https://xn--bcher-kva.example/cb")]
    [InlineData("http://127.0.0.1/callback")]
    [InlineData("http://127.0.0.1:51234/callback")]
    [InlineData("http://127.10.20.30:8080/")]
    [InlineData("http://[::1]:8080/callback")]
    [InlineData("http://localhost:3000/callback")]
    [InlineData("http://LOCALHOST/callback")]
    [InlineData("com.example.app:/oauth2redirect")]
    [InlineData("com.example.app:/oauth2redirect/example-provider")]
    [InlineData("io.portal.mobile:/cb")]
    public void Accepts(string uri)
    {
        Assert.Null(RedirectUriValidator.Problem(uri));
        Assert.Empty(RedirectUriValidator.Validate([uri]));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("/callback", "absolute")]
    [InlineData("app.example.com/callback", "absolute")]
    [InlineData("https://app.example.com/callback#section", "fragment")]
    [InlineData("https://app.example.com/callback#", "fragment")]
    [InlineData("https://*.example.com/callback", "wildcard")]
    [InlineData("https://app.example.com/*", "wildcard")]
    [InlineData("https://app.example.com/cb?x=*", "wildcard")]
    [InlineData("https://user:secret@app.example.com/callback", "user information")]
    [InlineData("https://user@app.example.com/callback", "user information")]
    [InlineData("https://@app.example.com/callback", "user information")]
    [InlineData("http://app.example.com/callback", "loopback")]
    [InlineData("http://localhost.example.com/callback", "loopback")]
    [InlineData("http://128.0.0.1/callback", "loopback")]
    [InlineData("http://10.0.0.1/callback", "loopback")]
    [InlineData("http://[::ffff:127.0.0.1]/callback", "loopback")]
    [InlineData("http://[::2]/callback", "loopback")]
    [InlineData("javascript:alert(1)", "javascript")]
    [InlineData("JavaScript:alert(1)", "javascript")]
    [InlineData("data:text/html,<script>alert(1)</script>", "data")]
    [InlineData("file:///etc/passwd", "file")]
    [InlineData("vbscript:msgbox(1)", "vbscript")]
    [InlineData("ftp://files.example.com/cb", "private-use scheme")]
    [InlineData("myapp:/callback", "private-use scheme")]
    [InlineData("ws://127.0.0.1/cb", "private-use scheme")]
    [InlineData("https://app.example.com/call back", "whitespace")]
    [InlineData(" https://app.example.com/callback", "whitespace")]
    [InlineData("https://app.example.com/callback\n", "whitespace")]
    [InlineData("1https://app.example.com/", "absolute")]
    public void Refuses(string uri, string reason)
    {
        var problem = RedirectUriValidator.Problem(uri);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Refuses_a_uri_longer_than_the_limit_and_accepts_one_at_the_limit()
    {
        const string prefix = "https://app.example.com/";
        var atLimit = prefix + new string('a', InputLimits.MaxUrlLength - prefix.Length);

        Assert.Null(RedirectUriValidator.Problem(atLimit));
        Assert.Contains("longer", RedirectUriValidator.Problem(atLimit + "a"));
    }

    [Fact]
    public void Reports_each_refused_uri_at_its_index()
    {
        var errors = RedirectUriValidator.Validate(
            ["https://ok.example.com/cb", "http://app.example.com/cb", "https://ok.example.com/other", "https://*.example.com/"]);

        Assert.Collection(errors,
            e =>
            {
                Assert.Equal(UserErrorCodes.InvalidRedirectUri, e.Code);
                Assert.Equal(["input", "redirectUris", "1"], e.Field.ToArray());
            },
            e =>
            {
                Assert.Equal(UserErrorCodes.InvalidRedirectUri, e.Code);
                Assert.Equal(["input", "redirectUris", "3"], e.Field.ToArray());
            });
    }

    [Fact]
    public void Refuses_duplicates_at_the_repeated_index()
    {
        var errors = RedirectUriValidator.Validate(
            ["https://a.example.com/cb", "https://b.example.com/cb", "https://a.example.com/cb"]);

        var error = Assert.Single(errors);
        Assert.Equal(UserErrorCodes.InvalidRedirectUri, error.Code);
        Assert.Equal(["input", "redirectUris", "2"], error.Field.ToArray());
        Assert.Contains("more than once", error.Message);
    }

    [Fact]
    public void Duplicates_compare_exactly_as_identity_providers_do()
    {
        Assert.Empty(RedirectUriValidator.Validate(["https://a.example.com/cb", "https://a.example.com/CB"]));
    }

    [Fact]
    public void Accepts_up_to_the_maximum_count_and_refuses_more_as_too_many()
    {
        var max = Enumerable.Range(0, InputLimits.MaxRedirectUris).Select(i => $"https://app.example.com/cb{i}").ToList();

        Assert.Empty(RedirectUriValidator.Validate(max));

        var error = Assert.Single(RedirectUriValidator.Validate([.. max, "https://app.example.com/one-more"]));
        Assert.Equal(UserErrorCodes.TooMany, error.Code);
        Assert.Equal(["input", "redirectUris"], error.Field.ToArray());
    }

    [Fact]
    public void Uses_the_given_field_path()
    {
        var error = Assert.Single(RedirectUriValidator.Validate(["http://example.com/"], ["input", "application", "redirectUris"]));

        Assert.Equal(["input", "application", "redirectUris", "0"], error.Field.ToArray());
    }

    [Fact]
    public void Accepts_an_empty_list()
    {
        Assert.Empty(RedirectUriValidator.Validate([]));
    }
}
