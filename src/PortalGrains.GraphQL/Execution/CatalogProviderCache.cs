using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Providers;
using PortalGrains.GraphQL.Hosting;

namespace PortalGrains.GraphQL.Execution;

/// <summary>
/// This silo's copy of the providers that catalogue products name, for the client types a product shows: served from
/// memory for <see cref="GraphQLHostingOptions.CatalogProviderMaxAge"/> after it was read from the provider grain, so
/// that the catalogue resolves without a grain call; dropped at once when a provider is changed on this silo. Only
/// provider ids of the catalogue are looked up, so it holds at most one entry per provider.
/// </summary>
public sealed class CatalogProviderCache(IGrainFactory grains, TimeProvider clock, IOptions<GraphQLHostingOptions> options)
{
    private readonly TimeSpan _maxAge = options.Value.CatalogProviderMaxAge;
    private readonly ConcurrentDictionary<string, Entry> _providers = new(StringComparer.Ordinal);

    /// <summary>Bumped by <see cref="Invalidate"/>: a read that started before is not kept.</summary>
    private long _generation;

    /// <summary>The provider, at once when this silo read it within the maximum age; otherwise read from its grain.</summary>
    public ValueTask<ProviderView?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (_providers.TryGetValue(id, out var entry) && clock.GetElapsedTime(entry.ReadAt) < _maxAge)
        {
            return ValueTask.FromResult(entry.Provider);
        }

        return new ValueTask<ProviderView?>(ReadAsync(id, cancellationToken));
    }

    /// <summary>Drops this silo's copy of a provider (after it was changed on this silo).</summary>
    public void Invalidate(string id)
    {
        Interlocked.Increment(ref _generation);
        _providers.TryRemove(id, out _);
    }

    private async Task<ProviderView?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var generation = Interlocked.Read(ref _generation);
        var readAt = clock.GetTimestamp();
        var provider = await grains.GetGrain<IProviderGrain>(id).GetAsync(cancellationToken);
        if (_maxAge > TimeSpan.Zero)
        {
            var entry = new Entry(provider, readAt);
            _providers[id] = entry;
            // An invalidation while the grain answered: the view read may be the one before the change.
            if (Interlocked.Read(ref _generation) != generation)
            {
                _providers.TryRemove(new KeyValuePair<string, Entry>(id, entry));
            }
        }

        return provider;
    }

    private sealed record Entry(ProviderView? Provider, long ReadAt);
}
