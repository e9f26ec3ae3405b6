using PortalGrains.IdentityProviders.Discovery;
using PortalGrains.IdentityProviders.Tests.Http.Support;
using PortalGrains.Testing;

namespace PortalGrains.IdentityProviders.Tests.Discovery;

/// <summary>Discovery of a provider at an address the outbound policy refuses says so, not "connection refused".</summary>
public sealed class OutboundPolicyDiscoveryTests
{
    [Fact]
    public async Task Discovery_at_a_blocked_loopback_address_fails_as_refused_by_the_outbound_policy()
    {
        var idp = await DevIdentityProvider.GetSharedAsync();
        using var harness = new MetadataCacheHarness(policy: TestHttp.Policy(o => o.BlockLoopback = true));
        var source = MetadataCacheHarness.NewSource(idp, "blocked-discovery");

        var error = await Assert.ThrowsAsync<IdentityProviderMetadataUnavailableException>(() => harness.Cache.GetDiscoveryAsync(source));

        Assert.StartsWith("refused by the outbound policy (loopback): ", error.Reason, StringComparison.Ordinal);
        Assert.Contains("refused by the outbound policy (loopback)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Connection refused", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("HTTP 404", error.Message, StringComparison.Ordinal);
    }
}
