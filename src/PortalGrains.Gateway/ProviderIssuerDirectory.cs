using System.Collections.Frozen;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Providers;

namespace PortalGrains.Gateway;

/// <summary>
/// This silo's map from token issuer to the providers with that issuer in their discovery document, read from the
/// provider grains. Lookups are served from memory; after <see cref="GatewayOptions.IssuerDirectoryTimeToLive"/> the
/// map is read again in the background while the old copy keeps answering. An issuer the map does not know makes it
/// read again and wait only when the copy is at least <see cref="GatewayOptions.UnknownIssuerRefreshInterval"/> old,
/// and concurrent callers share one read (single-flight).
/// </summary>
public sealed class ProviderIssuerDirectory(
    IGrainFactory grains,
    IOptions<GatewayOptions> options,
    TimeProvider clock,
    ILogger<ProviderIssuerDirectory> logger)
{
    private readonly Lock _gate = new();
    private readonly TimeSpan _timeToLive = options.Value.IssuerDirectoryTimeToLive;
    private readonly TimeSpan _unknownIssuerInterval = options.Value.UnknownIssuerRefreshInterval;
    private Snapshot? _snapshot;
    private Task<Snapshot>? _refresh;
    private long _refreshes;
    private long _catalogVersionChecked = -1;

    /// <summary>How many times this silo read the provider grains.</summary>
    public long Refreshes => Interlocked.Read(ref _refreshes);

    /// <summary>
    /// The providers whose discovery issuer is <paramref name="issuer"/> (ignoring one trailing slash; the token's
    /// issuer is then checked exactly), ordered by id; empty when none.
    /// </summary>
    public ValueTask<ImmutableArray<ProviderView>> FindAsync(string issuer, CancellationToken cancellationToken = default)
    {
        var key = Normalize(issuer);
        Task<Snapshot>? running;
        lock (_gate)
        {
            var snapshot = _snapshot;
            if (snapshot is not null)
            {
                var age = clock.GetElapsedTime(snapshot.ReadStartedAt);
                if (age >= _timeToLive)
                {
                    StartRefreshLocked();
                }

                if (snapshot.ByIssuer.TryGetValue(key, out var found))
                {
                    return ValueTask.FromResult(found);
                }

                if (_refresh is null && age < _unknownIssuerInterval)
                {
                    return ValueTask.FromResult(ImmutableArray<ProviderView>.Empty);
                }
            }

            running = StartRefreshLocked();
        }

        return WaitAsync(running, key, cancellationToken);
    }

    /// <summary>
    /// Makes sure the directory has read every provider the catalogue's products name. A product's provider exists before
    /// the product, so a catalogue that changed since the last check and names a provider this directory has not read
    /// means the directory is behind (for instance a second provider of an issuer it already knows): it is read again
    /// before tokens are answered from it. Only admins change the catalogue, so this cannot be driven by forged tokens.
    /// </summary>
    public ValueTask SyncWithCatalogAsync(CatalogSnapshot catalog, CancellationToken cancellationToken = default) =>
        Interlocked.Read(ref _catalogVersionChecked) == catalog.Version ? ValueTask.CompletedTask : SyncSlowAsync(catalog, cancellationToken);

    /// <summary>
    /// Reads the provider grains now (or joins the read under way) and looks <paramref name="issuer"/> up in the result:
    /// for when this silo saw a newer version of a provider than the directory holds.
    /// </summary>
    public ValueTask<ImmutableArray<ProviderView>> RefreshAndFindAsync(string issuer, CancellationToken cancellationToken = default)
    {
        Task<Snapshot> running;
        lock (_gate)
        {
            running = StartRefreshLocked();
        }

        return WaitAsync(running, Normalize(issuer), cancellationToken);
    }

    private async ValueTask SyncSlowAsync(CatalogSnapshot catalog, CancellationToken cancellationToken)
    {
        // Twice at most: a read that was already under way may have started before the provider was saved.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            Task<Snapshot> running;
            bool joined;
            lock (_gate)
            {
                if (_snapshot is { } snapshot && Covers(snapshot, catalog))
                {
                    break;
                }

                joined = _refresh is not null;
                running = StartRefreshLocked();
            }

            await running.WaitAsync(cancellationToken);
            if (!joined)
            {
                break;
            }
        }

        // A provider that stays missing (deleted while a product still names it) is not read again until the catalogue changes.
        Interlocked.Exchange(ref _catalogVersionChecked, catalog.Version);
    }

    private static bool Covers(Snapshot snapshot, CatalogSnapshot catalog)
    {
        foreach (var product in catalog.Products.IsDefault ? [] : catalog.Products)
        {
            if (product.ProviderId is { } id && !snapshot.ById.ContainsKey(id))
            {
                return false;
            }
        }

        return true;
    }

    private static string Normalize(string issuer) => issuer.EndsWith('/') ? issuer[..^1] : issuer;

    private static async ValueTask<ImmutableArray<ProviderView>> WaitAsync(Task<Snapshot> refresh, string key, CancellationToken cancellationToken)
    {
        var snapshot = await refresh.WaitAsync(cancellationToken);
        return snapshot.ByIssuer.TryGetValue(key, out var found) ? found : [];
    }

    private Task<Snapshot> StartRefreshLocked()
    {
        if (_refresh is { } running)
        {
            return running;
        }

        var previous = _snapshot;
        var startedAt = clock.GetTimestamp();
        // Off the caller's context and cancellation: one read serves every waiting caller.
        var refresh = Task.Run(() => ReadAsync(previous, startedAt));
        _refresh = refresh;
        return refresh;
    }

    private async Task<Snapshot> ReadAsync(Snapshot? previous, long startedAt)
    {
        Interlocked.Increment(ref _refreshes);
        try
        {
            var ids = await grains.GetGrain<IProviderDirectoryGrain>(IProviderDirectoryGrain.Key).ListAsync();
            var views = await Task.WhenAll(ids.Distinct(StringComparer.Ordinal).Select(id => ReadProviderAsync(id, previous)));
            var snapshot = Index(views.OfType<ProviderView>(), startedAt);
            GatewayLog.DirectoryRefreshed(logger, views.Count(v => v is not null), snapshot.ByIssuer.Count);
            Complete(snapshot);
            return snapshot;
        }
        catch (Exception e)
        {
            GatewayLog.DirectoryRefreshFailed(logger, e);
            if (previous is null)
            {
                Complete(null);
                throw;
            }

            // Keep answering from the old copy, and count the failed read as a read for the intervals above.
            var kept = previous with { ReadStartedAt = startedAt };
            Complete(kept);
            return kept;
        }
    }

    private async Task<ProviderView?> ReadProviderAsync(string id, Snapshot? previous)
    {
        try
        {
            return await grains.GetGrain<IProviderGrain>(id).GetAsync();
        }
        catch (Exception e)
        {
            GatewayLog.DirectoryProviderFailed(logger, e, id);
            return previous?.ById.GetValueOrDefault(id);
        }
    }

    private void Complete(Snapshot? snapshot)
    {
        lock (_gate)
        {
            if (snapshot is not null)
            {
                _snapshot = snapshot;
            }

            _refresh = null;
        }
    }

    private static Snapshot Index(IEnumerable<ProviderView> providers, long readStartedAt)
    {
        var all = providers.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var byIssuer = all
            .Where(p => p.Discovery is not null)
            .GroupBy(p => Normalize(p.Discovery!.Issuer), StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
        return new Snapshot(byIssuer, all.ToFrozenDictionary(p => p.Id, StringComparer.Ordinal), readStartedAt);
    }

    private sealed record Snapshot(
        FrozenDictionary<string, ImmutableArray<ProviderView>> ByIssuer,
        FrozenDictionary<string, ProviderView> ById,
        long ReadStartedAt);
}
