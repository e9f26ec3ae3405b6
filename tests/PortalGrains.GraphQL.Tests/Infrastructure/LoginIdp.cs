using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PortalGrains.GraphQL.Tests.Infrastructure;

/// <summary>
/// The dev OpenID provider (deploy/dev-idp) as the portal's login IdP: login tokens minted by its dev-login grant,
/// and hand-made tokens for the refusal cases (expired or wrong audience but signed with its committed key, signed
/// with a foreign key, unsigned).
/// </summary>
public static class LoginIdp
{
    public const string Audience = "portal";
    private const string LoginClient = "portal-dev-login:portal-dev-login-secret";

    public static Uri Issuer { get; } = new((Environment.GetEnvironmentVariable("PG_TEST_IDP_URL") ?? "http://127.0.0.1:9010").TrimEnd('/'));

    public static string IssuerText => Issuer.ToString().TrimEnd('/');

    private static HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(15) };

    /// <summary>Fails with what to start when the dev IdP does not answer its discovery document.</summary>
    public static async Task RequireAsync()
    {
        try
        {
            using var response = await Http.GetAsync(IssuerText + "/.well-known/openid-configuration");
            response.EnsureSuccessStatusCode();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new InvalidOperationException(
                $"The dev OpenID provider does not answer at {IssuerText} (PG_TEST_IDP_URL): run the tests with ./test.sh, or start it with 'cd deploy/dev-idp && PORT=9010 node server.js'.", e);
        }
    }

    /// <summary>A login token from the dev-login grant (aud "portal", roles as an array claim).</summary>
    public static async Task<string> LoginTokenAsync(string sub, string? email = null, string? scope = null, string? roles = null, string? name = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "urn:portalgrains:grant-type:dev-login", ["sub"] = sub };
        if (email is not null) { form["email"] = email; }
        if (scope is not null) { form["scope"] = scope; }
        if (roles is not null) { form["roles"] = roles; }
        if (name is not null) { form["name"] = name; }
        using var request = new HttpRequestMessage(HttpMethod.Post, IssuerText + "/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(LoginClient)));
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"dev-login token request failed: {(int)response.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Claims of a login token as the dev IdP issues them, valid for an hour unless changed.</summary>
    public static Dictionary<string, object> Claims(string sub, string audience = Audience, DateTimeOffset? expires = null)
    {
        var now = DateTimeOffset.UtcNow;
        var exp = expires ?? now.AddHours(1);
        return new Dictionary<string, object>
        {
            ["iss"] = IssuerText,
            ["sub"] = sub,
            ["aud"] = audience,
            ["iat"] = Math.Min(now.ToUnixTimeSeconds(), exp.AddMinutes(-5).ToUnixTimeSeconds()),
            ["exp"] = exp.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["client_id"] = "portal-dev-login",
        };
    }

    /// <summary>Signs with the dev IdP's own RS256 key (deploy/dev-idp/keys/signing-keys.json), which its JWKS publishes.</summary>
    public static string SignWithIdpKey(Dictionary<string, object> claims)
    {
        var keySet = new JsonWebKeySet(File.ReadAllText(Path.Combine(Repository.Root, "deploy", "dev-idp", "keys", "signing-keys.json")));
        var key = keySet.Keys.First(k => k.Kty == "RSA");
        return Sign(claims, new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>Signs with a fresh RSA key that claims the kid of the dev IdP's key: a forged token.</summary>
    public static string SignWithForeignKey(Dictionary<string, object> claims)
    {
        var keySet = new JsonWebKeySet(File.ReadAllText(Path.Combine(Repository.Root, "deploy", "dev-idp", "keys", "signing-keys.json")));
        using var rsa = RSA.Create(2048);
        var foreign = new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: true)) { KeyId = keySet.Keys.First(k => k.Kty == "RSA").Kid };
        return Sign(claims, new SigningCredentials(foreign, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>An unsecured JWT (RFC 7519 §6: alg "none", empty signature).</summary>
    public static string Unsigned(Dictionary<string, object> claims) =>
        Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Base64UrlEncoder.Encode(JsonSerializer.Serialize(claims)) + ".";

    /// <summary>The token with its payload replaced (the signature no longer matches).</summary>
    public static string WithPayload(string token, Dictionary<string, object> claims)
    {
        var parts = token.Split('.');
        return parts[0] + "." + Base64UrlEncoder.Encode(JsonSerializer.Serialize(claims)) + "." + parts[2];
    }

    private static string Sign(Dictionary<string, object> claims, SigningCredentials credentials) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(JsonSerializer.Serialize(claims), credentials);
}
