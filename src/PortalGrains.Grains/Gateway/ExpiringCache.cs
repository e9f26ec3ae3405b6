using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace PortalGrains.Grains.Gateway;

/// <summary>
/// A bounded in-memory cache whose entries carry their own expiry. When it is full, expired entries go first,
/// then the entries that would expire soonest, down to nine tenths of the capacity, so that a burst of new keys
/// costs one sort per tenth of the capacity rather than one per insertion.
/// </summary>
public sealed class ExpiringCache<TValue>
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly int _capacity;
    private readonly TimeProvider _clock;
    private int _count;
    private int _trimming;

    public ExpiringCache(int capacity, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _clock = clock;
    }

    public int Count => Volatile.Read(ref _count);

    public bool TryGet(string key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (_clock.GetUtcNow() < entry.ExpiresAt)
            {
                value = entry.Value;
                return true;
            }

            RemoveExact(key, entry);
        }

        value = default;
        return false;
    }

    /// <summary>Stores <paramref name="value"/> until <paramref name="expiresAt"/>; a value already expired is not stored.</summary>
    public void Set(string key, TValue value, DateTimeOffset expiresAt)
    {
        if (expiresAt <= _clock.GetUtcNow())
        {
            return;
        }

        var entry = new Entry(value, expiresAt);
        while (true)
        {
            if (_entries.TryAdd(key, entry))
            {
                if (Interlocked.Increment(ref _count) > _capacity)
                {
                    Trim();
                }

                return;
            }

            if (_entries.TryGetValue(key, out var existing) && _entries.TryUpdate(key, entry, existing))
            {
                return;
            }
        }
    }

    public void Remove(string key)
    {
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private void RemoveExact(string key, Entry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<string, Entry>(key, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private void Trim()
    {
        // One trimmer at a time; the others' insertions overshoot the capacity by at most the number of concurrent writers.
        if (Interlocked.Exchange(ref _trimming, 1) == 1)
        {
            return;
        }

        try
        {
            var now = _clock.GetUtcNow();
            foreach (var (key, entry) in _entries)
            {
                if (entry.ExpiresAt <= now)
                {
                    RemoveExact(key, entry);
                }
            }

            var target = _capacity - Math.Max(1, _capacity / 10);
            var excess = Count - target;
            if (excess <= 0)
            {
                return;
            }

            foreach (var (key, entry) in _entries.ToArray().OrderBy(e => e.Value.ExpiresAt).Take(excess))
            {
                RemoveExact(key, entry);
            }
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    private sealed record Entry(TValue Value, DateTimeOffset ExpiresAt);
}
