using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PortalGrains.IntegrationTests.Gateway;

/// <summary>What an attacker does with a real token: alter it, strip its signature, or re-sign it with HMAC.</summary>
public static class ForgedTokens
{
    /// <summary>The token with one character in the middle of its signature changed (the end could be padding bits).</summary>
    public static string WithTamperedSignature(string token)
    {
        var dot = token.LastIndexOf('.');
        var cut = dot + ((token.Length - dot) / 2);
        return token[..cut] + (token[cut] == 'A' ? 'B' : 'A') + token[(cut + 1)..];
    }

    /// <summary>The token's payload under <c>{"alg":"none"}</c> with an empty signature (RFC 7519 §6.1).</summary>
    public static string Unsigned(string token) => Encode("""{"alg":"none","typ":"JWT"}"""u8.ToArray()) + "." + token.Split('.')[1] + ".";

    /// <summary>
    /// The token's payload re-signed with HS256, using the bytes of the provider's published JWK for the token's kid
    /// as the HMAC secret: the algorithm-confusion forgery (RFC 8725 §2.1).
    /// </summary>
    public static string HmacSignedWithPublicKey(string token, JsonElement jwks)
    {
        var kid = Header(token).GetProperty("kid").GetString();
        var jwk = jwks.GetProperty("keys").EnumerateArray().First(k => k.GetProperty("kid").GetString() == kid);
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", kid, typ = "JWT" }));
        var input = header + "." + token.Split('.')[1];
        return input + "." + Encode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(jwk.GetRawText()), Encoding.ASCII.GetBytes(input)));
    }

    public static JsonElement Header(string token) => JsonDocument.Parse(Decode(token.Split('.')[0])).RootElement.Clone();

    public static JsonElement Payload(string token) => JsonDocument.Parse(Decode(token.Split('.')[1])).RootElement.Clone();

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Decode(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
