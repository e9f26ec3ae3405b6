using PortalGrains.IdentityProviders.Tests.Http.Support;
using PortalGrains.Testing;
using static PortalGrains.IdentityProviders.Tests.Discovery.MetadataCacheHarness;

namespace PortalGrains.IdentityProviders.Tests.Discovery;

/// <summary>Refresh of the JWKS on an unknown kid, against a dev IdP of this test's own (its keys get rotated).</summary>
public sealed class UnknownKeyRefreshTests
{
    [Fact]
    public async Task An_unknown_kid_refreshes_once_per_interval_and_finds_a_rotated_key()
    {
        await using var idp = await DevIdentityProvider.StartOwnAsync();
        using var harness = new MetadataCacheHarness(o => o.UnknownKeyRefreshInterval = TimeSpan.FromSeconds(30));
        var source = NewSource(idp, "unknown-kid");
        var knownKid = (await idp.KidsAsync())[0];
        var jwksBefore = await idp.StatAsync("jwks");

        Assert.Single(await harness.Cache.GetSigningKeysAsync(source, knownKid));
        Assert.Equal(1, harness.Requests.Count(JwksPath));

        var unknownKid = $"unknown-{Guid.NewGuid():N}";
        var results = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => Task.Run(() => harness.Cache.GetSigningKeysAsync(source, unknownKid))));

        Assert.All(results, Assert.Empty);
        Assert.Equal(2, harness.Requests.Count(JwksPath));
        Assert.Equal(1, harness.Cache.Counters.UnknownKidRefreshes);

        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(await harness.Cache.GetSigningKeysAsync(source, $"another-unknown-{Guid.NewGuid():N}"));
        Assert.Equal(2, harness.Requests.Count(JwksPath));

        var rotatedKid = await idp.RotateKeysAsync();
        Assert.Empty(await harness.Cache.GetSigningKeysAsync(source, rotatedKid));
        Assert.Equal(2, harness.Requests.Count(JwksPath));

        harness.Clock.Advance(TimeSpan.FromSeconds(21));
        var rotated = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => Task.Run(() => harness.Cache.GetSigningKeysAsync(source, rotatedKid))));

        Assert.All(rotated, keys => Assert.Equal(rotatedKid, Assert.Single(keys).KeyId));
        Assert.Equal(3, harness.Requests.Count(JwksPath));
        Assert.Equal(2, harness.Cache.Counters.UnknownKidRefreshes);
        Assert.Equal(1, harness.Requests.Count(DiscoveryPath));
        Assert.Equal(jwksBefore + 3, await idp.StatAsync("jwks"));
    }
}
