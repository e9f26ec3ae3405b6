namespace PortalGrains.IdentityProviders.Discovery;

/// <summary>How a read of a <see cref="SingleFlightSlot{T}"/> was served.</summary>
internal enum SlotRead
{
    Fresh,
    StaleAfterFailure,
    StartedFetch,
    JoinedFetch,
}

/// <summary>
/// One cached value with a TTL, refreshed by at most one fetch at a time: every caller that finds it cold or
/// expired while a fetch runs awaits that same fetch. A failed fetch leaves the previous value in place and
/// hands it to the waiters (stale-while-error); without a previous value the waiters get the failure.
/// </summary>
internal sealed class SingleFlightSlot<T>(TimeProvider timeProvider) where T : class
{
    private readonly Lock _gate = new();
    private T? _value;
    private DateTimeOffset _fetchedAt;
    private Task<T>? _inflight;
    private Exception? _lastFailure;
    private DateTimeOffset _lastFailureAt;
    private DateTimeOffset? _lastForcedRefreshAt;
    private long _fetches;

    public T? Value
    {
        get
        {
            lock (_gate)
            {
                return _value;
            }
        }
    }

    public (Exception Error, DateTimeOffset At)? LastFailure
    {
        get
        {
            lock (_gate)
            {
                return _lastFailure is null ? null : (_lastFailure, _lastFailureAt);
            }
        }
    }

    public long Fetches => Interlocked.Read(ref _fetches);

    public Task<T> GetAsync(Func<Task<T>> fetch, TimeSpan timeToLive, TimeSpan failedRefreshBackoff, out SlotRead read)
    {
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            if (_value is not null)
            {
                if (now - _fetchedAt < timeToLive)
                {
                    read = SlotRead.Fresh;
                    return Task.FromResult(_value);
                }

                if (_inflight is null && _lastFailure is not null && now - _lastFailureAt < failedRefreshBackoff)
                {
                    read = SlotRead.StaleAfterFailure;
                    return Task.FromResult(_value);
                }
            }

            if (_inflight is not null)
            {
                read = SlotRead.JoinedFetch;
                return _inflight;
            }

            read = SlotRead.StartedFetch;
            return _inflight = StartFetch(fetch);
        }
    }

    /// <summary>
    /// Refreshes now unless the last forced refresh was less than <paramref name="minimumInterval"/> ago.
    /// Returns the running fetch (joined when one was already running), or null when rate-limited.
    /// </summary>
    public Task<T>? TryForceRefresh(Func<Task<T>> fetch, TimeSpan minimumInterval, out bool joined)
    {
        lock (_gate)
        {
            if (_inflight is not null)
            {
                joined = true;
                return _inflight;
            }

            joined = false;
            var now = timeProvider.GetUtcNow();
            if (_lastForcedRefreshAt is { } last && now - last < minimumInterval)
            {
                return null;
            }

            _lastForcedRefreshAt = now;
            return _inflight = StartFetch(fetch);
        }
    }

    private Task<T> StartFetch(Func<Task<T>> fetch)
    {
        Interlocked.Increment(ref _fetches);
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Run outside the lock and outside any caller's cancellation: one caller giving up must not fail the others.
        _ = Task.Run(() => RunFetchAsync(fetch, completion));
        return completion.Task;
    }

    private async Task RunFetchAsync(Func<Task<T>> fetch, TaskCompletionSource<T> completion)
    {
        T value;
        try
        {
            value = await fetch().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            T? stale;
            lock (_gate)
            {
                _inflight = null;
                _lastFailure = ex;
                _lastFailureAt = timeProvider.GetUtcNow();
                stale = _value;
            }

            if (stale is not null)
            {
                completion.SetResult(stale);
            }
            else
            {
                completion.SetException(ex);
            }

            return;
        }

        lock (_gate)
        {
            _value = value;
            _fetchedAt = timeProvider.GetUtcNow();
            _inflight = null;
            _lastFailure = null;
        }

        completion.SetResult(value);
    }
}
