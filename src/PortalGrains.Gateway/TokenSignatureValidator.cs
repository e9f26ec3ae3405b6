using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PortalGrains.Gateway;

/// <summary>Checks a parsed JWS against a provider's issuer and signing keys, and names what is wrong with it.</summary>
public static class TokenSignatureValidator
{
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>Null when the token is valid (its lifetime read on <paramref name="clock"/>); otherwise one of <see cref="TokenRejectionReasons"/>.</summary>
    public static async Task<string?> ValidateAsync(
        JsonWebToken jwt, string issuer, IEnumerable<SecurityKey> signingKeys, TimeSpan clockSkew, TimeProvider clock)
    {
        if (jwt.IsEncrypted || !SigningAlgorithms.IsAllowed(jwt.Alg))
        {
            return TokenRejectionReasons.UnsupportedAlgorithm;
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidateIssuer = true,
            // The audience is not checked here: a token is issued for the API that a gateway fronts, and each gateway
            // checks its own audience (Kong openid-connect audience_required, Tyk claim validation).
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = clockSkew,
            LifetimeValidator = (notBefore, expires, _, _) => TokenLifetime.Validate(notBefore, expires, clockSkew, clock),
            RequireSignedTokens = true,
            IssuerSigningKeys = signingKeys,
            TryAllIssuerSigningKeys = true,
            ValidAlgorithms = SigningAlgorithms.Allowed,
            ValidateIssuerSigningKey = false,
            LogValidationExceptions = false,
        };

        var result = await Handler.ValidateTokenAsync(jwt, parameters);
        return result.IsValid ? null : ReasonOf(result.Exception);
    }

    /// <summary>Maps IdentityModel's validation exceptions to the portal's stable reasons (most specific type first).</summary>
    public static string ReasonOf(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => TokenRejectionReasons.Expired,
        SecurityTokenNotYetValidException => TokenRejectionReasons.NotYetValid,
        SecurityTokenNoExpirationException => TokenRejectionReasons.Malformed,
        SecurityTokenInvalidIssuerException => TokenRejectionReasons.InvalidIssuer,
        SecurityTokenInvalidAlgorithmException => TokenRejectionReasons.UnsupportedAlgorithm,
        // The keys passed in are those of the token's kid: a key that does not verify it is a bad signature, not an unknown key.
        SecurityTokenSignatureKeyNotFoundException => TokenRejectionReasons.InvalidSignature,
        SecurityTokenInvalidSignatureException => TokenRejectionReasons.InvalidSignature,
        SecurityTokenMalformedException => TokenRejectionReasons.Malformed,
        _ => TokenRejectionReasons.Invalid,
    };
}
