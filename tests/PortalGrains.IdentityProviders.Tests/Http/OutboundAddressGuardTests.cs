using System.Net;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.Tests.Http.Support;

namespace PortalGrains.IdentityProviders.Tests.Http;

/// <summary>The connect-time address rules and the scheme check (SSRF guard).</summary>
public sealed class OutboundAddressGuardTests
{
    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "cloud metadata")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/", "cloud metadata")]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data/", "cloud metadata")]
    [InlineData("http://[fe80::1]/", "link-local")]
    [InlineData("http://169.254.10.20/", "link-local")]
    [InlineData("http://0.0.0.0:9010/", "0.0.0.0/8")]
    [InlineData("http://224.0.0.1/", "multicast")]
    [InlineData("http://[ff02::1]/", "multicast")]
    public async Task Forbidden_addresses_are_refused_at_connect_without_retries(string url, string reason)
    {
        var settings = TestHttp.NewProvider("ssrf");
        using var attempts = new AttemptCounter(settings.ProviderId);
        using var factory = TestHttp.CreateFactory();
        using var client = factory.CreateClient(settings);

        var refused = await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => client.GetAsync(url));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Contains(settings.ProviderId, refused.Message, StringComparison.Ordinal);
        Assert.NotNull(refused.Address);
        Assert.Equal(1, attempts.Attempts);
        Assert.Equal(IdentityProviderRequestFailureKind.NotSent, IdentityProviderRequestFailureClassifier.Classify(refused).Kind);
    }

    [Fact]
    public async Task Loopback_is_allowed_by_default()
    {
        await using var server = new ScriptedHttpServer(_ => new ScriptedResponse(200));
        using var factory = TestHttp.CreateFactory();
        using var client = factory.CreateClient(TestHttp.NewProvider("loopback-allowed"));

        using var response = await client.GetAsync(server.BaseUri);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, server.RequestCount);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Loopback_is_refused_with_BlockLoopback_also_through_a_host_name(string host)
    {
        await using var server = new ScriptedHttpServer(_ => new ScriptedResponse(200));
        using var factory = TestHttp.CreateFactory(policy: TestHttp.Policy(o => o.BlockLoopback = true));
        using var client = factory.CreateClient(TestHttp.NewProvider("loopback-blocked"));

        var refused = await Assert.ThrowsAsync<OutboundRequestRefusedException>(
            () => client.GetAsync($"http://{host}:{server.Port}/"));

        Assert.Contains("loopback", refused.Message, StringComparison.Ordinal);
        Assert.Equal(host, refused.Host);
        Assert.True(IPAddress.IsLoopback(refused.Address!));
        Assert.Equal(0, server.RequestCount);
    }

    [Theory]
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://192.168.0.10/")]
    [InlineData("http://172.20.0.1/")]
    [InlineData("http://[fd12:3456::1]/")]
    public async Task Private_ranges_are_refused_with_BlockPrivateNetworks(string url)
    {
        using var factory = TestHttp.CreateFactory(policy: TestHttp.Policy(o => o.BlockPrivateNetworks = true));
        using var client = factory.CreateClient(TestHttp.NewProvider("private-blocked"));

        var refused = await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => client.GetAsync(url));

        Assert.Contains("private range", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "metadata", OutboundRule.CloudMetadata)]
    [InlineData("http://169.254.10.20/", "link-local", OutboundRule.LinkLocal)]
    [InlineData("http://[fe80::1]/", "link-local", OutboundRule.LinkLocal)]
    [InlineData("http://10.1.2.3/", "private", OutboundRule.PrivateNetwork)]
    [InlineData("http://127.0.0.1:9/", "loopback", OutboundRule.Loopback)]
    [InlineData("http://localhost:9/", "loopback", OutboundRule.Loopback)]
    public async Task A_refused_address_is_reported_as_refused_by_the_outbound_policy_with_its_rule(string url, string ruleName, OutboundRule rule)
    {
        using var factory = TestHttp.CreateFactory(policy: TestHttp.Policy(o => (o.BlockLoopback, o.BlockPrivateNetworks) = (true, true)));
        using var client = factory.CreateClient(TestHttp.NewProvider("policy"));

        var refused = await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => client.GetAsync(url));

        Assert.StartsWith($"refused by the outbound policy ({ruleName}): ", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("refused by the outbound policy", refused.Message, StringComparison.Ordinal);
        Assert.Equal(rule, refused.Rule);
        Assert.DoesNotContain("Connection refused", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Schemes_other_than_http_and_https_are_refused()
    {
        using var factory = TestHttp.CreateFactory();
        using var client = factory.CreateClient(TestHttp.NewProvider("scheme"));

        var refused = await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => client.GetAsync("ftp://127.0.0.1/file"));

        Assert.Contains("scheme 'ftp'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_is_refused_unless_the_provider_allows_it()
    {
        await using var server = new ScriptedHttpServer(_ => new ScriptedResponse(200));
        using var factory = TestHttp.CreateFactory();
        using var client = factory.CreateClient(TestHttp.NewProvider("http-refused") with { AllowHttp = false });

        var refused = await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => client.GetAsync(server.BaseUri));

        Assert.Contains("AllowHttp", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        await using var server = new ScriptedHttpServer(_ => new ScriptedResponse(
            302, Headers: new Dictionary<string, string> { ["Location"] = "http://169.254.169.254/latest/meta-data/" }));
        using var factory = TestHttp.CreateFactory();
        using var client = factory.CreateClient(TestHttp.NewProvider("redirect"));

        using var response = await client.GetAsync(server.BaseUri);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(1, server.RequestCount);
    }
}
