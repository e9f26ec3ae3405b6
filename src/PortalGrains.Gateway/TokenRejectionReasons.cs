namespace PortalGrains.Gateway;

/// <summary>Why a token is not valid: short, stable strings that gateways and front ends may compare against.</summary>
public static class TokenRejectionReasons
{
    /// <summary>Not a compact JWS, unreadable header or payload, or no <c>exp</c> (a token without one cannot be cached or trusted).</summary>
    public const string Malformed = "malformed";

    /// <summary>No provider with discovery has this <c>iss</c>.</summary>
    public const string UnknownIssuer = "unknown issuer";

    /// <summary><c>none</c>, a symmetric (HS*) algorithm, or an encrypted token: only RS*, PS* and ES* signatures are accepted.</summary>
    public const string UnsupportedAlgorithm = "unsupported algorithm";

    /// <summary>The provider's JWKS has no signing key with the token's <c>kid</c>, even after a refresh.</summary>
    public const string UnknownSigningKey = "unknown signing key";

    /// <summary>The provider's JWKS cannot be fetched and nothing is cached: the token could not be checked.</summary>
    public const string SigningKeysUnavailable = "signing keys unavailable";

    public const string InvalidSignature = "invalid signature";

    public const string Expired = "expired";

    public const string NotYetValid = "not yet valid";

    /// <summary>The <c>iss</c> resembles a provider's issuer but is not exactly it (OpenID Connect Discovery 1.0 §3: exact match).</summary>
    public const string InvalidIssuer = "invalid issuer";

    /// <summary>Any other validation failure (e.g. <c>nbf</c> after <c>exp</c>).</summary>
    public const string Invalid = "invalid";
}
