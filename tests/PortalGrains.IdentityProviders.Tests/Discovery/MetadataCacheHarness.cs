using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PortalGrains.IdentityProviders.Discovery;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.Tests.Http.Support;
using PortalGrains.IdentityProviders.Tests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IdentityProviders.Tests.Discovery;

/// <summary>A cache over the real HTTP layer, with a counting wrapper and a manual clock.</summary>
public sealed class MetadataCacheHarness : IDisposable
{
    public const string DiscoveryPath = "/.well-known/openid-configuration";
    public const string JwksPath = "/jwks";

    private readonly IdentityProviderHttpClientFactory _http;

    public MetadataCacheHarness(
        Action<ProviderMetadataCacheOptions>? adjust = null,
        IdentityProviderHttpOptions? httpOptions = null,
        ILoggerFactory? loggerFactory = null,
        OutboundPolicyOptions? policy = null)
    {
        _http = TestHttp.CreateFactory(httpOptions, loggerFactory, policy);
        Requests = new CountingHttpClientFactory(_http);
        var options = new ProviderMetadataCacheOptions();
        adjust?.Invoke(options);
        Cache = new ProviderMetadataCache(
            Requests,
            Options.Create(options),
            (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ProviderMetadataCache>(),
            Clock);
    }

    public ManualTimeProvider Clock { get; } = new();

    public CountingHttpClientFactory Requests { get; }

    public ProviderMetadataCache Cache { get; }

    public static ProviderMetadataSource NewSource(DevIdentityProvider idp, string name, long version = 1) =>
        new(TestHttp.NewProvider(name), idp.WellKnownUri, version);

    public void Dispose()
    {
        Cache.Dispose();
        _http.Dispose();
    }
}
