using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PortalGrains.Gateway;

/// <summary>Reads a JWT without trusting it, and the claims the portal cares about once it is verified.</summary>
public static class TokenClaims
{
    private static readonly JsonWebTokenHandler Reader = new();

    /// <summary>Parses a compact JWS or JWE; false when it is not one (wrong number of parts, bad base64url or JSON).</summary>
    public static bool TryRead(string? token, [NotNullWhen(true)] out JsonWebToken? jwt)
    {
        jwt = null;
        if (string.IsNullOrWhiteSpace(token) || !Reader.CanReadToken(token))
        {
            return false;
        }

        try
        {
            jwt = Reader.ReadJsonWebToken(token);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or JsonException or FormatException)
        {
            return false;
        }
    }

    /// <summary>The <c>iss</c> of a readable JWS, or null (a JWE's payload is not readable).</summary>
    public static string? IssuerOf(JsonWebToken jwt) =>
        !jwt.IsEncrypted && jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Iss, out var issuer) && !string.IsNullOrEmpty(issuer)
            ? issuer
            : null;

    /// <summary>
    /// The OAuth client the token was issued to: <c>client_id</c> (RFC 9068 §2.2), else <c>azp</c> (OpenID Connect Core §2),
    /// else <c>sub</c> (a client_credentials token's subject is the client, RFC 9068 §2.2).
    /// </summary>
    public static string? ClientIdOf(JsonWebToken jwt) =>
        StringClaim(jwt, "client_id") ?? StringClaim(jwt, JwtRegisteredClaimNames.Azp) ?? StringClaim(jwt, JwtRegisteredClaimNames.Sub);

    /// <summary>
    /// The token's scopes, in order and without duplicates: <c>scope</c> (RFC 9068 §2.2.3, space-separated, RFC 6749 §3.3),
    /// else <c>scp</c> (an array, or a space-separated string, as some providers issue it). With
    /// <paramref name="includeRoles"/> (Microsoft Entra ID, which issues the app roles granted to an application in
    /// <c>roles</c> and delegated scopes in <c>scp</c>) the <c>roles</c> values follow.
    /// </summary>
    public static ImmutableArray<string> ScopesOf(JsonWebToken jwt, bool includeRoles = false)
    {
        var scopes = Values(jwt, "scope");
        if (scopes.IsEmpty)
        {
            scopes = Values(jwt, "scp");
        }

        return includeRoles ? [.. scopes.Concat(Values(jwt, "roles")).Distinct(StringComparer.Ordinal)] : scopes;
    }

    /// <summary>
    /// The <c>aud</c> values in order and without duplicates (RFC 7519 §4.1.3: one string or an array of strings), empty
    /// when the token has none. Values are taken whole: an audience is not split on spaces.
    /// </summary>
    public static ImmutableArray<string> AudienceOf(JsonWebToken jwt)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var values = ImmutableArray.CreateBuilder<string>();
        foreach (var audience in jwt.Audiences)
        {
            if (!string.IsNullOrEmpty(audience) && seen.Add(audience))
            {
                values.Add(audience);
            }
        }

        return values.ToImmutable();
    }

    private static string? StringClaim(JsonWebToken jwt, string name) =>
        jwt.TryGetPayloadValue<string>(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private static ImmutableArray<string> Values(JsonWebToken jwt, string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var values = ImmutableArray.CreateBuilder<string>();
        // An array claim comes back as one claim per element; a string claim as one claim.
        foreach (var claim in jwt.Claims)
        {
            if (!string.Equals(claim.Type, name, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var value in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (seen.Add(value))
                {
                    values.Add(value);
                }
            }
        }

        return values.ToImmutable();
    }
}
