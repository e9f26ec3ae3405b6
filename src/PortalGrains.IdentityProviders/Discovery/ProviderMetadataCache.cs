using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using PortalGrains.IdentityProviders.Http;

namespace PortalGrains.IdentityProviders.Discovery;

/// <summary>
/// Caches each provider's discovery document and JWKS with a TTL. Refreshes are single-flight, an unknown kid
/// triggers a rate-limited JWKS refresh, and the last good copy is served while the IdP fails.
/// Parsing and policy checks (issuer, https, endpoints under the issuer) are Duende.IdentityModel's.
/// </summary>
public sealed partial class ProviderMetadataCache : IProviderMetadataCache, IDisposable
{
    private readonly IIdentityProviderHttpClientFactory _httpClients;
    private readonly ProviderMetadataCacheOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, ProviderMetadataEntry> _entries = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _fetchCounter;
    private readonly Counter<long> _hitCounter;
    private readonly Counter<long> _staleCounter;
    private readonly Counter<long> _unknownKidCounter;

    private long _discoveryFetches;
    private long _discoveryFetchFailures;
    private long _discoveryHits;
    private long _jwksFetches;
    private long _jwksFetchFailures;
    private long _jwksHits;
    private long _staleServed;
    private long _unknownKidRefreshes;
    private long _unknownKidRefreshesSuppressed;

    public ProviderMetadataCache(
        IIdentityProviderHttpClientFactory httpClients,
        IOptions<ProviderMetadataCacheOptions> options,
        ILogger<ProviderMetadataCache> logger,
        TimeProvider? timeProvider = null,
        IMeterFactory? meterFactory = null)
    {
        _httpClients = httpClients;
        _options = options.Value;
        var problems = _options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"Invalid {ProviderMetadataCacheOptions.SectionName} options: {string.Join("; ", problems)}", nameof(options));
        }

        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
        var meter = meterFactory?.Create(IdentityProviderTelemetry.MeterName)
            ?? (_ownedMeter = new Meter(IdentityProviderTelemetry.MeterName));
        _fetchCounter = meter.CreateCounter<long>(
            "portalgrains.idp.metadata.fetches", "{fetch}", "Discovery and JWKS fetches, by kind and outcome");
        _hitCounter = meter.CreateCounter<long>(
            "portalgrains.idp.metadata.cache_hits", "{hit}", "Reads served from a fresh cached copy");
        _staleCounter = meter.CreateCounter<long>(
            "portalgrains.idp.metadata.stale_served", "{read}", "Reads served from a stale copy because the IdP failed");
        _unknownKidCounter = meter.CreateCounter<long>(
            "portalgrains.idp.metadata.unknown_kid", "{event}", "Unknown kids seen, by whether a JWKS refresh was made");
    }

    /// <summary>A snapshot of this cache's counters.</summary>
    public ProviderMetadataCacheCounters Counters => new(
        Interlocked.Read(ref _discoveryFetches),
        Interlocked.Read(ref _discoveryFetchFailures),
        Interlocked.Read(ref _discoveryHits),
        Interlocked.Read(ref _jwksFetches),
        Interlocked.Read(ref _jwksFetchFailures),
        Interlocked.Read(ref _jwksHits),
        Interlocked.Read(ref _staleServed),
        Interlocked.Read(ref _unknownKidRefreshes),
        Interlocked.Read(ref _unknownKidRefreshesSuppressed));

    public Task<ProviderDiscoveryDocument> GetDiscoveryAsync(
        ProviderMetadataSource source, CancellationToken cancellationToken = default) =>
        GetDiscoveryAsync(GetEntry(source), cancellationToken);

    public Task<ProviderKeySet> GetKeySetAsync(ProviderMetadataSource source, CancellationToken cancellationToken = default) =>
        GetKeySetAsync(GetEntry(source), cancellationToken);

    public async Task<IReadOnlyList<SecurityKey>> GetSigningKeysAsync(
        ProviderMetadataSource source, string? kid, CancellationToken cancellationToken = default)
    {
        var entry = GetEntry(source);
        var keySet = await GetKeySetAsync(entry, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(kid))
        {
            return keySet.SigningKeys;
        }

        var found = keySet.FindSigningKeys(kid);
        if (found.Count > 0)
        {
            return found;
        }

        var refresh = entry.Jwks.TryForceRefresh(
            () => FetchKeySetAsync(entry), _options.UnknownKeyRefreshInterval, out var joined);
        if (refresh is null)
        {
            Interlocked.Increment(ref _unknownKidRefreshesSuppressed);
            _unknownKidCounter.Add(1, Tag("provider", entry.Source.ProviderId), Tag("refresh", "rate_limited"));
            ProviderMetadataCacheLog.UnknownKidRefreshSuppressed(
                _logger, entry.Source.ProviderId, kid, _options.UnknownKeyRefreshInterval);
            // Another caller's refresh may have finished in the meantime.
            return (entry.Jwks.Value ?? keySet).FindSigningKeys(kid);
        }

        if (!joined)
        {
            Interlocked.Increment(ref _unknownKidRefreshes);
            _unknownKidCounter.Add(1, Tag("provider", entry.Source.ProviderId), Tag("refresh", "refreshed"));
            ProviderMetadataCacheLog.UnknownKidRefresh(_logger, entry.Source.ProviderId, kid);
        }

        var refreshed = await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        return refreshed.FindSigningKeys(kid);
    }

    public ProviderMetadataStatus? GetStatus(string providerId)
    {
        if (!_entries.TryGetValue(providerId, out var entry))
        {
            return null;
        }

        return new ProviderMetadataStatus(providerId, entry.Source.SettingsVersion, entry.Discovery.Value, entry.Jwks.Value)
        {
            DiscoveryError = ToError(ProviderMetadataKind.Discovery, entry.Discovery.LastFailure),
            JwksError = ToError(ProviderMetadataKind.Jwks, entry.Jwks.LastFailure),
            DiscoveryFetches = entry.Discovery.Fetches,
            JwksFetches = entry.Jwks.Fetches,
        };
    }

    public bool Invalidate(string providerId)
    {
        if (!_entries.TryRemove(providerId, out _))
        {
            return false;
        }

        ProviderMetadataCacheLog.EntryDropped(_logger, providerId, "invalidated");
        return true;
    }

    public void Dispose()
    {
        // Cancelled, not disposed: fetches still running read its token.
        _stopping.Cancel();
        _ownedMeter?.Dispose();
    }

    private ProviderMetadataEntry GetEntry(ProviderMetadataSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(source.ProviderId);
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);

        while (true)
        {
            if (_entries.TryGetValue(source.ProviderId, out var existing))
            {
                if (existing.Source == source)
                {
                    return existing;
                }

                var replacement = new ProviderMetadataEntry(source, _timeProvider);
                if (_entries.TryUpdate(source.ProviderId, replacement, existing))
                {
                    ProviderMetadataCacheLog.EntryDropped(
                        _logger, source.ProviderId, $"settings changed from version {existing.Source.SettingsVersion} to {source.SettingsVersion}");
                    return replacement;
                }

                continue;
            }

            var created = new ProviderMetadataEntry(source, _timeProvider);
            if (_entries.TryAdd(source.ProviderId, created))
            {
                return created;
            }
        }
    }

    private Task<ProviderDiscoveryDocument> GetDiscoveryAsync(ProviderMetadataEntry entry, CancellationToken cancellationToken)
    {
        var task = entry.Discovery.GetAsync(
            () => FetchDiscoveryAsync(entry), _options.DiscoveryTimeToLive, _options.FailedRefreshBackoff, out var read);
        CountRead(read, ProviderMetadataKind.Discovery, entry.Source.ProviderId);
        return task.WaitAsync(cancellationToken);
    }

    private Task<ProviderKeySet> GetKeySetAsync(ProviderMetadataEntry entry, CancellationToken cancellationToken)
    {
        var task = entry.Jwks.GetAsync(
            () => FetchKeySetAsync(entry), _options.JwksTimeToLive, _options.FailedRefreshBackoff, out var read);
        CountRead(read, ProviderMetadataKind.Jwks, entry.Source.ProviderId);
        return task.WaitAsync(cancellationToken);
    }

    private void CountRead(SlotRead read, ProviderMetadataKind kind, string providerId)
    {
        switch (read)
        {
            case SlotRead.Fresh:
                Interlocked.Increment(ref kind == ProviderMetadataKind.Discovery ? ref _discoveryHits : ref _jwksHits);
                _hitCounter.Add(1, Tag("provider", providerId), Tag("kind", KindTag(kind)));
                break;
            case SlotRead.StaleAfterFailure:
                Interlocked.Increment(ref _staleServed);
                _staleCounter.Add(1, Tag("provider", providerId), Tag("kind", KindTag(kind)));
                break;
        }
    }

    private async Task<ProviderDiscoveryDocument> FetchDiscoveryAsync(ProviderMetadataEntry entry)
    {
        var source = entry.Source;
        var url = source.ResolveDocumentUrl();
        Interlocked.Increment(ref _discoveryFetches);
        try
        {
            var document = await DownloadDiscoveryAsync(source, url).ConfigureAwait(false);
            _fetchCounter.Add(1, Tag("provider", source.ProviderId), Tag("kind", "discovery"), Tag("outcome", "success"));
            ProviderMetadataCacheLog.DiscoveryFetched(_logger, source.ProviderId, url, document.Issuer);
            return document;
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            Interlocked.Increment(ref _discoveryFetchFailures);
            throw RecordFailure(entry.Discovery, source, ProviderMetadataKind.Discovery, url, ex);
        }
    }

    private async Task<ProviderKeySet> FetchKeySetAsync(ProviderMetadataEntry entry)
    {
        var source = entry.Source;
        Interlocked.Increment(ref _jwksFetches);
        Uri url = source.ResolveDocumentUrl();
        try
        {
            var discovery = await GetDiscoveryAsync(entry, _stopping.Token).ConfigureAwait(false);
            url = discovery.JwksUri ?? throw new IdentityProviderMetadataInvalidException(
                source.ProviderId, ProviderMetadataKind.Jwks, url, "the discovery document has no jwks_uri");
            var keySet = await DownloadKeySetAsync(source, url).ConfigureAwait(false);
            _fetchCounter.Add(1, Tag("provider", source.ProviderId), Tag("kind", "jwks"), Tag("outcome", "success"));
            ProviderMetadataCacheLog.JwksFetched(_logger, source.ProviderId, url, keySet.SigningKeys.Count);
            return keySet;
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            Interlocked.Increment(ref _jwksFetchFailures);
            throw RecordFailure(entry.Jwks, source, ProviderMetadataKind.Jwks, url, ex);
        }
    }

    private IdentityProviderMetadataException RecordFailure<T>(
        SingleFlightSlot<T> slot, ProviderMetadataSource source, ProviderMetadataKind kind, Uri url, Exception exception)
        where T : class
    {
        var failure = exception as IdentityProviderMetadataException
            ?? new IdentityProviderMetadataUnavailableException(
                source.ProviderId, kind, url, $"{exception.GetType().Name}: {exception.Message}", exception);
        _fetchCounter.Add(1, Tag("provider", source.ProviderId), Tag("kind", KindTag(kind)), Tag("outcome", "failure"));

        // The slot hands the previous value to the waiters when there is one.
        switch (slot.Value)
        {
            case ProviderDiscoveryDocument stale:
                Interlocked.Increment(ref _staleServed);
                ProviderMetadataCacheLog.FetchFailedServingStale(_logger, source.ProviderId, kind, stale.FetchedAt, failure.Message);
                break;
            case ProviderKeySet stale:
                Interlocked.Increment(ref _staleServed);
                ProviderMetadataCacheLog.FetchFailedServingStale(_logger, source.ProviderId, kind, stale.FetchedAt, failure.Message);
                break;
            default:
                ProviderMetadataCacheLog.FetchFailedNothingCached(_logger, source.ProviderId, kind, failure.Message);
                break;
        }

        return failure;
    }

    private async Task<ProviderDiscoveryDocument> DownloadDiscoveryAsync(ProviderMetadataSource source, Uri url)
    {
        var expectedIssuer = source.ResolveExpectedIssuer();
        if (url.Scheme != Uri.UriSchemeHttps && !source.Http.AllowHttp)
        {
            throw new IdentityProviderMetadataInvalidException(
                source.ProviderId, ProviderMetadataKind.Discovery, url,
                "https is required (plain http only for providers whose settings allow it)");
        }

        var policy = new DiscoveryPolicy
        {
            Authority = expectedIssuer,
            RequireHttps = !source.Http.AllowHttp,
            AllowHttpOnLoopback = source.Http.AllowHttp,
            // Entra ID's issuer and endpoints are checked below, by its own rules
            ValidateIssuerName = !source.IssuerNamesTenantId,
            ValidateEndpoints = source.ValidateEndpoints && !source.IssuerNamesTenantId,
            // The key set is fetched (and cached) on its own; a registration-only use needs no jwks_uri.
            RequireKeySet = false,
        };

        // Duende's GetDiscoveryDocumentAsync also downloads the JWKS on every call, which would double each
        // discovery fetch and make discovery fail whenever the JWKS endpoint does. The document is fetched here
        // and handed to the same parser and policy validation that GetDiscoveryDocumentAsync applies.
        using var client = _httpClients.CreateClient(source.Http);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/json");
        HttpResponseMessage httpResponse;
        try
        {
            httpResponse = await client.SendAsync(request, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            throw new IdentityProviderMetadataUnavailableException(
                source.ProviderId, ProviderMetadataKind.Discovery, url, Describe(ex, null), ex);
        }

        using var _ = httpResponse;
        if (!httpResponse.IsSuccessStatusCode)
        {
            throw new IdentityProviderMetadataUnavailableException(
                source.ProviderId, ProviderMetadataKind.Discovery, url,
                $"HTTP {(int)httpResponse.StatusCode} {httpResponse.ReasonPhrase}");
        }

        using var response = await ProtocolResponse
            .FromHttpResponseAsync<DiscoveryDocumentResponse>(httpResponse, policy)
            .ConfigureAwait(false);
        if (response.IsError)
        {
            throw TranslateDiscoveryError(source, url, expectedIssuer, response);
        }

        if (source.IssuerNamesTenantId)
        {
            CheckTenantIssuer(source, url, expectedIssuer, response);
        }

        return new ProviderDiscoveryDocument(
            response.Issuer!,
            ToUri(response.JwksUri),
            ToUri(response.TokenEndpoint),
            ToUri(response.RegistrationEndpoint),
            _timeProvider.GetUtcNow())
        {
            TokenEndpointAuthMethodsSupported = [.. response.TokenEndpointAuthenticationMethodsSupported],
            GrantTypesSupported = [.. response.GrantTypesSupported],
            ScopesSupported = [.. response.ScopesSupported],
            RawJson = response.Raw ?? "{}",
        };
    }

    private async Task<ProviderKeySet> DownloadKeySetAsync(ProviderMetadataSource source, Uri url)
    {
        using var client = _httpClients.CreateClient(source.Http);
        using var response = await client
            .GetJsonWebKeySetAsync(new JsonWebKeySetRequest { Address = url.AbsoluteUri }, _stopping.Token)
            .ConfigureAwait(false);
        if (response.IsError)
        {
            throw response.ErrorType switch
            {
                ResponseErrorType.Http => new IdentityProviderMetadataUnavailableException(
                    source.ProviderId, ProviderMetadataKind.Jwks, url,
                    $"HTTP {(int)response.HttpStatusCode} {response.HttpErrorReason}"),
                ResponseErrorType.Exception when response.Exception is not JsonException => new IdentityProviderMetadataUnavailableException(
                    source.ProviderId, ProviderMetadataKind.Jwks, url, Describe(response.Exception, response.Error), response.Exception),
                _ => new IdentityProviderMetadataInvalidException(
                    source.ProviderId, ProviderMetadataKind.Jwks, url, response.Error ?? "not a JWK Set", response.Exception),
            };
        }

        try
        {
            return new ProviderKeySet(new JsonWebKeySet(response.Raw), _timeProvider.GetUtcNow());
        }
        catch (ArgumentException ex)
        {
            throw new IdentityProviderMetadataInvalidException(
                source.ProviderId, ProviderMetadataKind.Jwks, url, $"not a JWK Set: {ex.Message}", ex);
        }
    }

    private static IdentityProviderMetadataException TranslateDiscoveryError(
        ProviderMetadataSource source, Uri url, string expectedIssuer, DiscoveryDocumentResponse response)
    {
        switch (response.ErrorType)
        {
            case ResponseErrorType.Http:
                return new IdentityProviderMetadataUnavailableException(
                    source.ProviderId, ProviderMetadataKind.Discovery, url,
                    $"HTTP {(int)response.HttpStatusCode} {response.HttpErrorReason}");
            case ResponseErrorType.Exception when response.Exception is not JsonException:
                return new IdentityProviderMetadataUnavailableException(
                    source.ProviderId, ProviderMetadataKind.Discovery, url,
                    Describe(response.Exception, response.Error), response.Exception);
            case ResponseErrorType.PolicyViolation:
                // Duende drops the parsed document on a policy violation; the issuer is read from the raw body.
                var actualIssuer = ReadIssuer(response.Raw);
                if (!IssuersMatch(expectedIssuer, actualIssuer))
                {
                    return new IdentityProviderIssuerMismatchException(source.ProviderId, expectedIssuer, actualIssuer);
                }

                return new IdentityProviderMetadataInvalidException(
                    source.ProviderId, ProviderMetadataKind.Discovery, url, response.Error ?? "policy violation");
            default:
                return new IdentityProviderMetadataInvalidException(
                    source.ProviderId, ProviderMetadataKind.Discovery, url,
                    response.Error ?? "not a discovery document", response.Exception);
        }
    }

    private static string Describe(Exception? exception, string? fallback) => exception switch
    {
        OutboundRequestRefusedException refused => refused.Reason,
        HttpRequestException http => $"{http.HttpRequestError}: {http.Message}",
        null => fallback ?? "unknown error",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    private static string? ReadIssuer(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(raw);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("issuer", out var issuer)
                && issuer.ValueKind == JsonValueKind.String
                    ? issuer.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>See <see cref="ProviderMetadataSource.IssuerNamesTenantId"/>.</summary>
    private static void CheckTenantIssuer(ProviderMetadataSource source, Uri url, string expectedIssuer, DiscoveryDocumentResponse response)
    {
        var origin = source.WellKnownUrl.GetLeftPart(UriPartial.Authority);
        var issuer = response.Issuer;
        if (!IssuersMatch(expectedIssuer, issuer)
            && !(issuer is not null && issuer.StartsWith(origin + "/", StringComparison.OrdinalIgnoreCase) && TenantIssuerPath().IsMatch(issuer[origin.Length..])))
        {
            throw new IdentityProviderIssuerMismatchException(source.ProviderId, expectedIssuer, issuer);
        }

        foreach (var (name, endpoint) in new[] { ("token_endpoint", response.TokenEndpoint), ("jwks_uri", response.JwksUri) })
        {
            if (endpoint is not null && !endpoint.StartsWith(origin + "/", StringComparison.OrdinalIgnoreCase))
            {
                throw new IdentityProviderMetadataInvalidException(
                    source.ProviderId, ProviderMetadataKind.Discovery, url, $"{name} {endpoint} is not on the origin {origin} of the well-known URL");
            }
        }
    }

    [GeneratedRegex(@"^/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/v2\.0/?$", RegexOptions.CultureInvariant)]
    private static partial Regex TenantIssuerPath();

    // OpenID Connect Discovery 1.0 §4.3: identical strings; a trailing slash is tolerated as Duende does.
    private static bool IssuersMatch(string expected, string? actual) =>
        actual is not null && string.Equals(expected.TrimEnd('/'), actual.TrimEnd('/'), StringComparison.Ordinal);

    private static Uri? ToUri(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;

    private static ProviderMetadataError? ToError(ProviderMetadataKind kind, (Exception Error, DateTimeOffset At)? failure) =>
        failure is { } f ? new ProviderMetadataError(kind, f.Error.Message, f.At) : null;

    private static string KindTag(ProviderMetadataKind kind) =>
        kind == ProviderMetadataKind.Discovery ? "discovery" : "jwks";

    private static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);
}
