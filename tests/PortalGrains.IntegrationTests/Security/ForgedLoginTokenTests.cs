using System.Security.Cryptography;
using System.Text.Json;
using PortalGrains.IntegrationTests.Gateway;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>
/// Login tokens that are not valid for the portal (RFC 8725 §2, §3): each refuses the whole request with 401 and
/// UNAUTHENTICATED — never downgraded to anonymous, never executed — and a mutation sent with one changes nothing.
/// A token re-signed with the IdP's own key and no claim changed is accepted, so each refusal is for its one change.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ForgedLoginTokenTests(PortalHost host)
{
    private static readonly RSA OtherKey = RSA.Create(2048);

    private static readonly Dictionary<string, Func<string, JsonElement, string>> Forgeries = new(StringComparer.Ordinal)
    {
        ["alg none"] = (token, _) => ForgedTokens.Unsigned(token),
        ["alg none with the admin scope added"] = (token, _) => ForgedTokens.Unsigned(DevIdpSigningKey.Resign(token, p => p["scope"] = "portal:admin")),
        ["HS256 keyed with the IdP's public key"] = ForgedTokens.HmacSignedWithPublicKey,
        ["signature altered"] = (token, _) => ForgedTokens.WithTamperedSignature(token),
        ["admin scope added, signature kept"] = (token, _) => KeepSignature(token, DevIdpSigningKey.Resign(token, p => p["scope"] = "portal:admin")),
        ["wrong audience"] = (token, _) => DevIdpSigningKey.Resign(token, p => p["aud"] = "another-api"),
        ["no audience"] = (token, _) => DevIdpSigningKey.Resign(token, p => p.Remove("aud")),
        ["expired an hour ago"] = (token, _) => DevIdpSigningKey.Resign(token, p =>
        {
            p["iat"] = DevIdpSigningKey.UnixNow(TimeSpan.FromHours(-2));
            p["exp"] = DevIdpSigningKey.UnixNow(TimeSpan.FromHours(-1));
        }),
        ["not valid before an hour from now"] = (token, _) => DevIdpSigningKey.Resign(token, p => p["nbf"] = DevIdpSigningKey.UnixNow(TimeSpan.FromHours(1))),
        ["another issuer"] = (token, _) => DevIdpSigningKey.Resign(token, p => p["iss"] = "https://evil.example"),
        ["signed by another key under the IdP's kid"] = (token, _) => DevIdpSigningKey.Sign(token, _ => { }, OtherKey, DevIdpSigningKey.Kid),
        ["signed by another key under an unknown kid"] = (token, _) => DevIdpSigningKey.Sign(token, _ => { }, OtherKey, "unknown-" + Guid.NewGuid().ToString("N")),
        ["not a JWT"] = (_, _) => "not-a-jwt",
    };

    public static TheoryData<string> Names => new(Forgeries.Keys);

    [Fact]
    public async Task A_token_resigned_with_the_identity_providers_key_and_nothing_changed_is_accepted()
    {
        var sub = "forger-" + Guid.NewGuid().ToString("N")[..8];
        var token = await host.LoginIdp.LoginTokenAsync(sub, "forger@example.com");

        var response = await host.GraphQL.SendAsync("{ viewer { id isAdmin } }", token: DevIdpSigningKey.Resign(token, _ => { }));

        Assert.Equal(sub, response.At("viewer.id").GetString());
        Assert.False(response.At("viewer.isAdmin").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_forged_login_token_is_refused_with_401_and_its_mutation_changes_nothing(string forgery)
    {
        var sub = "forger-" + Guid.NewGuid().ToString("N")[..8];
        var token = await host.LoginIdp.LoginTokenAsync(sub, "forger@example.com");
        var forged = Forgeries[forgery](token, await host.LoginIdp.JwksAsync());
        var world = await HostileInputWorld.ForAsync(host);

        var query = await host.GraphQL.SendAsync("{ viewer { id isAdmin } products { id } }", token: forged);
        var mutation = await host.GraphQL.SendAsync("""
            mutation($input: UpdateProfileInput!) { updateMyProfile(input: $input) { viewer { id name } errors { code } } }
            """, new { input = new { name = "forged" } }, forged);
        var adminMutation = await host.GraphQL.SendAsync("""
            mutation($input: UpsertPlanInput!) { upsertPlan(input: $input) { plan { id } errors { code } } }
            """, new { input = new { name = "forged plan", scopes = new[] { "forged" } } }, forged);

        foreach (var response in new[] { query, mutation, adminMutation })
        {
            Assert.True(response.Status == 401, $"{forgery}: {response}");
            Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
            Assert.True(!response.Body.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null, $"{forgery} executed: {response}");
        }

        var profile = await host.GraphQL.SendAsync("{ viewer { id name } }", token: token);
        Assert.NotEqual("forged", profile.At("viewer.name").ValueKind == JsonValueKind.String ? profile.At("viewer.name").GetString() : null);
        var plans = await host.GraphQL.SendAsync("{ plans { name } }", token: world.AdminToken);
        Assert.DoesNotContain("forged plan", plans.At("plans").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    /// <summary>The header and payload of <paramref name="changed"/> under the signature of <paramref name="original"/>.</summary>
    private static string KeepSignature(string original, string changed) =>
        changed[..changed.LastIndexOf('.')] + original[original.LastIndexOf('.')..];
}
