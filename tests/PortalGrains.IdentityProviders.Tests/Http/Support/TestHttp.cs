using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PortalGrains.IdentityProviders.Http;

namespace PortalGrains.IdentityProviders.Tests.Http.Support;

/// <summary>Factories and settings for tests: short timeouts and delays so failures show quickly.</summary>
public static class TestHttp
{
    public static IdentityProviderHttpOptions FastOptions(Action<IdentityProviderHttpOptions>? adjust = null)
    {
        var options = new IdentityProviderHttpOptions
        {
            AttemptTimeout = TimeSpan.FromSeconds(5),
            TotalTimeout = TimeSpan.FromSeconds(20),
            MaxRetryAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RetryMaxDelay = TimeSpan.FromMilliseconds(50),
            MaxRetryAfter = TimeSpan.FromMilliseconds(100),
            BreakerMinimumThroughput = 100,
        };
        adjust?.Invoke(options);
        return options;
    }

    /// <summary>The outbound policy of the tests: the fakes and the dev IdP listen on loopback.</summary>
    public static OutboundPolicyOptions Policy(Action<OutboundPolicyOptions>? adjust = null)
    {
        var policy = new OutboundPolicyOptions { BlockLoopback = false, AllowInsecureTls = true };
        adjust?.Invoke(policy);
        return policy;
    }

    public static IdentityProviderHttpClientFactory CreateFactory(
        IdentityProviderHttpOptions? options = null, ILoggerFactory? loggerFactory = null, OutboundPolicyOptions? policy = null,
        TimeProvider? timeProvider = null) =>
        new(Options.Create(options ?? FastOptions()),
            Options.Create(policy ?? Policy()),
            (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<IdentityProviderHttpClientFactory>(),
            timeProvider);

    /// <summary>Settings of a fresh provider (its own pipeline and circuit), plain http allowed.</summary>
    public static ProviderHttpSettings NewProvider(string name) => new($"{name}-{Guid.NewGuid():N}") { AllowHttp = true };
}
