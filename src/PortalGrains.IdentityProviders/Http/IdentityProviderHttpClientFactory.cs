using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>
/// Keeps one handler chain per provider (guard, resilience pipeline, attempt telemetry, connection pool) and
/// hands out light HttpClients over it. Each provider has its own connection pool and TLS settings, so one
/// provider's certificate rules never apply to another's, and its own circuit breaker.
/// </summary>
public sealed class IdentityProviderHttpClientFactory : IIdentityProviderHttpClientFactory, IOutboundHttpClientFactory, IDisposable
{
    private readonly IdentityProviderHttpOptions _options;
    private readonly OutboundPolicyOptions _policy;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Meter? _ownedMeter;
    private readonly IdentityProviderHttpMetrics _metrics;
    private readonly ConcurrentDictionary<string, ProviderHandlerChain> _chains = new(StringComparer.Ordinal);
    private readonly List<ProviderHandlerChain> _retired = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    public IdentityProviderHttpClientFactory(
        IOptions<IdentityProviderHttpOptions> options,
        IOptions<OutboundPolicyOptions> policy,
        ILogger<IdentityProviderHttpClientFactory> logger,
        TimeProvider? timeProvider = null,
        IMeterFactory? meterFactory = null)
    {
        _options = options.Value;
        var problems = _options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"Invalid {IdentityProviderHttpOptions.SectionName} options: {string.Join("; ", problems)}", nameof(options));
        }

        _policy = policy.Value;
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
        Meter meter;
        if (meterFactory is null)
        {
            meter = _ownedMeter = new Meter(IdentityProviderTelemetry.MeterName);
        }
        else
        {
            meter = meterFactory.Create(IdentityProviderTelemetry.MeterName);
        }

        _metrics = new IdentityProviderHttpMetrics(meter);
    }

    public HttpClient CreateClient(ProviderHttpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.ProviderId);
        ObjectDisposedException.ThrowIf(_disposed, this);

        if (settings.SslInsecureSkipVerify && _policy.AllowInsecureTls)
        {
            IdentityProviderHttpLog.InsecureTlsClientCreated(_logger, settings.ProviderId);
        }
        else if (settings.SslInsecureSkipVerify)
        {
            IdentityProviderHttpLog.InsecureTlsNotAllowed(_logger, settings.ProviderId);
        }

        var chain = GetOrBuildChain(settings);
        // The pipeline owns timeouts; HttpClient's own 100 s default would only get in its way.
        return new HttpClient(chain.Handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public HttpClient CreateClient(string name, bool allowHttp, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var settings = new ProviderHttpSettings(name) { AllowHttp = allowHttp };
        var handler = new OutboundRequestGuardHandler(settings, _logger)
        {
            InnerHandler = new AttemptTelemetryHandler(name, _logger, _metrics)
            {
                InnerHandler = PrimaryHandler(settings, timeout),
            },
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = timeout };
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var chain in _chains.Values.Concat(_retired))
            {
                chain.Dispose();
            }

            _chains.Clear();
            _retired.Clear();
        }

        _ownedMeter?.Dispose();
    }

    private ProviderHandlerChain GetOrBuildChain(ProviderHttpSettings settings)
    {
        if (_chains.TryGetValue(settings.ProviderId, out var existing) && existing.Settings == settings)
        {
            return existing;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_chains.TryGetValue(settings.ProviderId, out existing))
            {
                if (existing.Settings == settings)
                {
                    return existing;
                }

                // Clients created earlier may still be sending through the old chain: keep it until disposal.
                _retired.Add(existing);
            }

            var chain = BuildChain(settings);
            _chains[settings.ProviderId] = chain;
            IdentityProviderHttpLog.HandlerChainBuilt(
                _logger, settings.ProviderId, !string.IsNullOrWhiteSpace(settings.CustomCaBundlePem), settings.AllowHttp);
            return chain;
        }
    }

    private ProviderHandlerChain BuildChain(ProviderHttpSettings settings)
    {
        var primary = PrimaryHandler(settings, _options.AttemptTimeout);
        var pipeline = IdentityProviderResiliencePipeline.Build(
            settings.ProviderId, _options, _timeProvider, _logger, _metrics);

        var handler = new OutboundRequestGuardHandler(settings, _logger)
        {
            InnerHandler = new ResilienceHandler(pipeline)
            {
                InnerHandler = new AttemptTelemetryHandler(settings.ProviderId, _logger, _metrics)
                {
                    InnerHandler = primary,
                },
            },
        };
        return new ProviderHandlerChain(settings, handler);
    }

    private SocketsHttpHandler PrimaryHandler(ProviderHttpSettings settings, TimeSpan connectTimeout)
    {
        var connector = new GuardedConnector(settings.ProviderId, _policy, _logger, _metrics);
        return new SocketsHttpHandler
        {
            // A redirect could lead to an address or scheme the rules forbid, and would resend a POST's body.
            AllowAutoRedirect = false,
            UseCookies = false,
            // Through a proxy the connect-time check would see the proxy's address, not the destination's.
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = _options.PooledConnectionLifetime,
            ConnectTimeout = connectTimeout,
            ConnectCallback = connector.ConnectAsync,
            SslOptions = BuildSslOptions(settings),
        };
    }

    private SslClientAuthenticationOptions BuildSslOptions(ProviderHttpSettings settings)
    {
        var ssl = new SslClientAuthenticationOptions();
        // A provider stored while the policy allowed it keeps its flag; without that allowance certificates are checked.
        if (settings.SslInsecureSkipVerify && _policy.AllowInsecureTls)
        {
            ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
            return ssl;
        }

        if (string.IsNullOrWhiteSpace(settings.CustomCaBundlePem))
        {
            return ssl;
        }

        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(settings.CustomCaBundlePem);
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException(
                $"The CA bundle of identity provider '{settings.ProviderId}' is not valid PEM: {ex.Message}", nameof(settings), ex);
        }

        if (roots.Count == 0)
        {
            throw new ArgumentException(
                $"The CA bundle of identity provider '{settings.ProviderId}' holds no certificate", nameof(settings));
        }

        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            // Private CAs rarely publish revocation lists; an online check would fail every handshake.
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(roots);
        ssl.CertificateChainPolicy = policy;
        return ssl;
    }
}
