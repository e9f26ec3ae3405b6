using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Catalog;

namespace PortalGrains.Grains.Catalog;

/// <summary>
/// This silo's copy of the catalogue (one per silo). Reads are served from memory; at most once per
/// <see cref="CatalogCacheOptions.VersionCheckInterval"/> one read asks the catalogue grain for its version, and the
/// snapshot is fetched only when the version changed. Concurrent readers share one refresh. When the grain cannot
/// be reached, the last copy is served and the check is repeated after the interval.
/// </summary>
public sealed class CatalogCache(
    IGrainFactory grains,
    IOptions<CatalogCacheOptions> options,
    TimeProvider clock,
    ILogger<CatalogCache> logger) : ICatalogReader
{
    private readonly Lock _gate = new();
    private readonly TimeSpan _interval = options.Value.VersionCheckInterval;

    private CatalogSnapshot? _snapshot;
    private long _checkedAt;

    /// <summary>Bumped by <see cref="Invalidate"/>: a copy or a refresh of an older generation is not reused.</summary>
    private long _generation;
    private long _snapshotGeneration = -1;

    private Task<CatalogSnapshot>? _refresh;
    private long _refreshGeneration = -1;

    private long _versionChecks;
    private long _snapshotFetches;

    /// <summary>How many times this cache asked the catalogue grain for its version.</summary>
    public long VersionChecks => Interlocked.Read(ref _versionChecks);

    /// <summary>How many times this cache fetched a whole snapshot.</summary>
    public long SnapshotFetches => Interlocked.Read(ref _snapshotFetches);

    public ValueTask<CatalogSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<CatalogSnapshot>? started = null;
        Task<CatalogSnapshot> refresh;
        CatalogSnapshot? known;
        long generation;
        lock (_gate)
        {
            known = _snapshot;
            generation = _generation;
            if (known is not null && _snapshotGeneration == generation && clock.GetElapsedTime(_checkedAt) < _interval)
            {
                return ValueTask.FromResult(known);
            }

            if (_refresh is null || _refreshGeneration != generation)
            {
                started = new TaskCompletionSource<CatalogSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
                _refresh = started.Task;
                _refreshGeneration = generation;
            }

            refresh = _refresh;
        }

        if (started is not null)
        {
            // Off the caller's context (a grain's scheduler, a request's cancellation): the refresh serves everyone.
            _ = Task.Run(() => RefreshAsync(started, generation, known));
        }

        return new ValueTask<CatalogSnapshot>(refresh.WaitAsync(cancellationToken));
    }

    public void Invalidate()
    {
        lock (_gate)
        {
            _generation++;
        }
    }

    private async Task RefreshAsync(TaskCompletionSource<CatalogSnapshot> completion, long generation, CatalogSnapshot? known)
    {
        try
        {
            var catalog = grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key);
            Interlocked.Increment(ref _versionChecks);
            var version = await catalog.GetVersionAsync();
            var snapshot = known;
            if (snapshot is null || snapshot.Version != version)
            {
                Interlocked.Increment(ref _snapshotFetches);
                snapshot = await catalog.GetSnapshotAsync();
            }

            lock (_gate)
            {
                // A refresh that an invalidation overtook still answers its readers but does not replace the copy.
                if (generation == _generation)
                {
                    _snapshot = snapshot;
                    _snapshotGeneration = generation;
                    _checkedAt = clock.GetTimestamp();
                }

                ClearRefresh(completion);
            }

            CatalogLog.CacheRefreshed(logger, snapshot.Version, !ReferenceEquals(snapshot, known));
            completion.SetResult(snapshot);
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                if (known is not null && generation == _generation)
                {
                    // Serve the copy and ask again after the interval rather than on every read.
                    _snapshotGeneration = generation;
                    _checkedAt = clock.GetTimestamp();
                }

                ClearRefresh(completion);
            }

            if (known is not null)
            {
                CatalogLog.CacheRefreshFailedServingStale(logger, e, known.Version);
                completion.SetResult(known);
            }
            else
            {
                CatalogLog.CacheRefreshFailed(logger, e);
                completion.SetException(e);
            }
        }
    }

    private void ClearRefresh(TaskCompletionSource<CatalogSnapshot> completion)
    {
        if (ReferenceEquals(_refresh, completion.Task))
        {
            _refresh = null;
        }
    }
}
