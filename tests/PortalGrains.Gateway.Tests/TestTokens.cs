using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PortalGrains.Gateway.Tests;

/// <summary>Signs test tokens with fresh keys, and forges the ones an attacker would send.</summary>
internal sealed class TestTokens : IDisposable
{
    public const string Issuer = "https://idp.example";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ECDsa _ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly TimeProvider _clock;

    /// <summary>Tokens whose default times are read on <paramref name="clock"/> (the system clock when null).</summary>
    public TestTokens(TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        RsaKey = new RsaSecurityKey(_rsa) { KeyId = "rsa-" + Guid.NewGuid().ToString("N")[..8] };
        EcKey = new ECDsaSecurityKey(_ec) { KeyId = "ec-" + Guid.NewGuid().ToString("N")[..8] };
    }

    public RsaSecurityKey RsaKey { get; }

    public ECDsaSecurityKey EcKey { get; }

    /// <summary>The public RSA key as its JWKS entry publishes it.</summary>
    public string PublicJwkJson => JsonSerializer.Serialize(JsonWebKeyConverter.ConvertFromRSASecurityKey(
        new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = RsaKey.KeyId }));

    public string Create(
        IDictionary<string, object>? claims = null,
        DateTime? expires = null,
        DateTime? notBefore = null,
        string issuer = Issuer,
        SigningCredentials? credentials = null)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            IssuedAt = now,
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(10),
            Claims = claims ?? new Dictionary<string, object> { ["client_id"] = "client-1", ["scope"] = "a b" },
            SigningCredentials = credentials ?? new SigningCredentials(RsaKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A token without an exp claim.</summary>
    public string CreateWithoutExpiry() => Sign(
        new { alg = "RS256", kid = RsaKey.KeyId, typ = "JWT" },
        new { iss = Issuer, client_id = "client-1" },
        data => _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <summary>The payload of <paramref name="token"/> under an <c>alg: none</c> header, without a signature (RFC 7519 §6).</summary>
    public static string Unsigned(string token) =>
        Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "none", typ = "JWT" })) + "." + token.Split('.')[1] + ".";

    /// <summary>The payload of <paramref name="token"/> re-signed with HS256, the public JWK's bytes as the HMAC secret.</summary>
    public string SignedWithPublicKeyAsHmacSecret(string token)
    {
        var header = Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", kid = RsaKey.KeyId, typ = "JWT" }));
        var input = header + "." + token.Split('.')[1];
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(PublicJwkJson), Encoding.ASCII.GetBytes(input));
        return input + "." + Base64UrlEncoder.Encode(signature);
    }

    /// <summary>The token with one character in the middle of its signature changed.</summary>
    public static string WithTamperedSignature(string token)
    {
        var cut = token.LastIndexOf('.') + ((token.Length - token.LastIndexOf('.')) / 2);
        var replacement = token[cut] == 'A' ? 'B' : 'A';
        return token[..cut] + replacement + token[(cut + 1)..];
    }

    public void Dispose()
    {
        _rsa.Dispose();
        _ec.Dispose();
    }

    private static string Sign(object header, object payload, Func<byte[], byte[]> sign)
    {
        var input = Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(header)) + "." +
            Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(payload));
        return input + "." + Base64UrlEncoder.Encode(sign(Encoding.ASCII.GetBytes(input)));
    }
}
