using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>
/// The dev IdP's committed RS256 signing key (deploy/dev-idp/keys), so that a test can sign login tokens exactly as the
/// IdP does but with one claim changed: the portal must then refuse them for that claim alone.
/// </summary>
public static class DevIdpSigningKey
{
    private static readonly Lazy<(RSA Key, string Kid)> Committed = new(Load);

    public static string Kid => Committed.Value.Kid;

    /// <summary>The token's payload, changed by <paramref name="edit"/>, signed RS256 with the IdP's own key.</summary>
    public static string Resign(string token, Action<JsonObject> edit) => Sign(token, edit, Committed.Value.Key, Committed.Value.Kid);

    /// <summary>The token's payload, changed by <paramref name="edit"/>, signed RS256 with <paramref name="key"/> under <paramref name="kid"/>.</summary>
    public static string Sign(string token, Action<JsonObject> edit, RSA key, string kid)
    {
        var payload = JsonNode.Parse(Decode(token.Split('.')[1]))!.AsObject();
        edit(payload);
        var headerJson = JsonNode.Parse(Decode(token.Split('.')[0]))!.AsObject();
        headerJson["alg"] = "RS256";
        headerJson["kid"] = kid;
        var header = Encode(Encoding.UTF8.GetBytes(headerJson.ToJsonString()));
        var input = header + "." + Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return input + "." + Encode(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    public static long UnixNow(TimeSpan offset) => DateTimeOffset.UtcNow.Add(offset).ToUnixTimeSeconds();

    private static (RSA, string) Load()
    {
        var path = Path.Combine(DevIdentityProvider.RepositoryRoot(), "deploy", "dev-idp", "keys", "signing-keys.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var jwk = document.RootElement.GetProperty("keys").EnumerateArray()
            .First(k => k.GetProperty("kty").GetString() == "RSA" && k.GetProperty("alg").GetString() == "RS256");
        byte[] Part(string name) => Decode(jwk.GetProperty(name).GetString()!);
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters
        {
            Modulus = Part("n"), Exponent = Part("e"), D = Part("d"), P = Part("p"), Q = Part("q"),
            DP = Part("dp"), DQ = Part("dq"), InverseQ = Part("qi"),
        });
        return (rsa, jwk.GetProperty("kid").GetString()!);
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Decode(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
