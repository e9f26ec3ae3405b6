using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Applications;

namespace PortalGrains.Gateway;

/// <summary>
/// Which application a client belongs to, from the client ownership grains, remembered on this silo so that a grain
/// is asked once per client (single-flight), not once per verified token.
/// </summary>
public sealed class ApplicationLookup
{
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly GatewayOptions _options;
    private readonly ExpiringCache<Owner> _known;
    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> _inflight = new(StringComparer.Ordinal);
    private long _grainCalls;

    public ApplicationLookup(IGrainFactory grains, IOptions<GatewayOptions> options, TimeProvider clock, ILogger<ApplicationLookup> logger)
    {
        _grains = grains;
        _logger = logger;
        _clock = clock;
        _options = options.Value;
        _known = new ExpiringCache<Owner>(_options.ApplicationLookupCacheCapacity, clock);
    }

    /// <summary>How many times this silo asked an ownership grain.</summary>
    public long GrainCalls => Interlocked.Read(ref _grainCalls);

    /// <summary>
    /// The application holding <paramref name="clientId"/> at the first of <paramref name="providerIds"/> that knows it,
    /// and that provider; nulls when none does (or none could be asked).
    /// </summary>
    public async ValueTask<(string? ApplicationId, string? ProviderId)> FindAsync(
        ImmutableArray<string> providerIds, string clientId, CancellationToken cancellationToken = default)
    {
        foreach (var providerId in providerIds)
        {
            var key = IClientOwnershipGrain.KeyOf(providerId, clientId);
            string? applicationId;
            try
            {
                applicationId = _known.TryGet(key, out var owner) ? owner.ApplicationId : await AskAsync(key, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // The token is valid whether or not its application can be found now; the next verification asks again.
                GatewayLog.ApplicationLookupFailed(_logger, e, providerId);
                continue;
            }

            if (applicationId is not null)
            {
                return (applicationId, providerId);
            }
        }

        return (null, null);
    }

    private async Task<string?> AskAsync(string key, CancellationToken cancellationToken)
    {
        var lookup = _inflight.GetOrAdd(key, k => new Lazy<Task<string?>>(() => AskGrainAsync(k)));
        return await lookup.Value.WaitAsync(cancellationToken);
    }

    private async Task<string?> AskGrainAsync(string key)
    {
        try
        {
            Interlocked.Increment(ref _grainCalls);
            var applicationId = await _grains.GetGrain<IClientOwnershipGrain>(key).GetApplicationIdAsync();
            var lifetime = applicationId is null ? _options.MissingApplicationTimeToLive : _options.ApplicationLookupTimeToLive;
            _known.Set(key, new Owner(applicationId), _clock.GetUtcNow() + lifetime);
            return applicationId;
        }
        finally
        {
            _inflight.TryRemove(key, out _);
        }
    }

    private sealed record Owner(string? ApplicationId);
}
