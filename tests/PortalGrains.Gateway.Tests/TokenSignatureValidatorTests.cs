using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PortalGrains.Gateway.Tests;

public sealed class TokenSignatureValidatorTests : IDisposable
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly TestTokens _tokens;

    public TokenSignatureValidatorTests() => _tokens = new TestTokens(_clock);

    public void Dispose() => _tokens.Dispose();

    [Fact]
    public async Task A_token_signed_with_the_providers_key_is_valid()
    {
        Assert.Null(await ValidateAsync(_tokens.Create()));
    }

    [Fact]
    public async Task An_es256_token_is_valid()
    {
        var token = _tokens.Create(credentials: new SigningCredentials(_tokens.EcKey, SecurityAlgorithms.EcdsaSha256));

        Assert.Null(await ValidateAsync(token, _tokens.EcKey));
    }

    [Fact]
    public async Task A_changed_signature_is_an_invalid_signature()
    {
        Assert.Equal(TokenRejectionReasons.InvalidSignature, await ValidateAsync(TestTokens.WithTamperedSignature(_tokens.Create())));
    }

    [Fact]
    public async Task A_token_signed_by_another_key_with_the_same_kid_is_an_invalid_signature()
    {
        using var other = new TestTokens();
        var forged = other.Create(credentials: new SigningCredentials(
            new RsaSecurityKey(other.RsaKey.Rsa) { KeyId = _tokens.RsaKey.KeyId }, SecurityAlgorithms.RsaSha256));

        Assert.Equal(TokenRejectionReasons.InvalidSignature, await ValidateAsync(forged));
    }

    [Fact]
    public async Task Alg_none_and_hmac_with_the_public_key_are_unsupported_algorithms()
    {
        var token = _tokens.Create();

        Assert.Equal(TokenRejectionReasons.UnsupportedAlgorithm, await ValidateAsync(TestTokens.Unsigned(token)));
        Assert.Equal(TokenRejectionReasons.UnsupportedAlgorithm, await ValidateAsync(_tokens.SignedWithPublicKeyAsHmacSecret(token)));
        // Even when the HMAC key is offered as a signing key, HS256 is not accepted.
        var hmacKey = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(_tokens.PublicJwkJson)) { KeyId = _tokens.RsaKey.KeyId };
        Assert.Equal(TokenRejectionReasons.UnsupportedAlgorithm, await ValidateAsync(_tokens.SignedWithPublicKeyAsHmacSecret(token), hmacKey));
    }

    [Fact]
    public async Task Lifetime_is_checked_with_the_clock_skew()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var expiredWithinSkew = _tokens.Create(expires: now.AddSeconds(-2), notBefore: now.AddMinutes(-5));
        var notYetValid = _tokens.Create(notBefore: now.AddMinutes(1), expires: now.AddMinutes(10));

        Assert.Equal(TokenRejectionReasons.Expired, await ValidateAsync(_tokens.Create(expires: now.AddSeconds(-30), notBefore: now.AddMinutes(-5))));
        Assert.Null(await ValidateAsync(expiredWithinSkew));
        Assert.Equal(TokenRejectionReasons.NotYetValid, await ValidateAsync(notYetValid));
        Assert.Equal(TokenRejectionReasons.Malformed, await ValidateAsync(_tokens.CreateWithoutExpiry()));

        // On the validator's clock: valid until exp + 5 s inclusive, and from nbf - 5 s.
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Null(await ValidateAsync(expiredWithinSkew));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(TokenRejectionReasons.Expired, await ValidateAsync(expiredWithinSkew));
        _clock.Advance(TimeSpan.FromSeconds(52) - TimeSpan.FromTicks(1));
        Assert.Null(await ValidateAsync(notYetValid));
    }

    [Fact]
    public async Task An_issuer_that_differs_from_the_providers_is_an_invalid_issuer()
    {
        Assert.Equal(TokenRejectionReasons.InvalidIssuer, await ValidateAsync(_tokens.Create(issuer: TestTokens.Issuer + "/")));
    }

    private async Task<string?> ValidateAsync(string token, SecurityKey? key = null)
    {
        Assert.True(TokenClaims.TryRead(token, out var jwt), "the test token must be readable");
        return await TokenSignatureValidator.ValidateAsync(jwt, TestTokens.Issuer, [key ?? _tokens.RsaKey], Skew, _clock);
    }
}
