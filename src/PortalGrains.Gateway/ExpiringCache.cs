using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace PortalGrains.Gateway;

/// <summary>
/// A bounded in-memory cache whose entries carry their own expiry. It never holds more than its capacity, whatever
/// the interleaving of writers: a writer reserves a slot in the count before it inserts, and a writer that finds no
/// free slot evicts (one at a time) or, while another writer is evicting, leaves its value uncached. Eviction drops
/// expired entries first, then those that would expire soonest, down to nine tenths of the capacity, so that a burst
/// of new keys costs one sort per tenth of the capacity rather than one per insertion. Reads take no lock.
/// </summary>
public sealed class ExpiringCache<TValue>
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _eviction = new();
    private readonly int _capacity;
    private readonly TimeProvider _clock;

    /// <summary>Entries stored plus slots reserved for insertions under way: never below the entries, never above the capacity.</summary>
    private int _count;

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

    /// <summary>
    /// Stores <paramref name="value"/> until <paramref name="expiresAt"/>; a value already expired is not stored, nor is
    /// a new key that finds the cache full while another writer is evicting.
    /// </summary>
    public void Set(string key, TValue value, DateTimeOffset expiresAt)
    {
        if (expiresAt <= _clock.GetUtcNow())
        {
            return;
        }

        var entry = new Entry(value, expiresAt);
        var evicted = false;
        while (true)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                if (_entries.TryUpdate(key, entry, existing))
                {
                    return;
                }

                continue;
            }

            if (!TryReserve())
            {
                // One eviction per call: a writer whose freed slots were all taken by others gives up rather than spin.
                if (evicted || !TryEvict())
                {
                    return;
                }

                evicted = true;
                continue;
            }

            if (_entries.TryAdd(key, entry))
            {
                return;
            }

            // Another writer added the key first: give the slot back and replace its value.
            Interlocked.Decrement(ref _count);
        }
    }

    public void Remove(string key)
    {
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private bool TryReserve()
    {
        var count = Volatile.Read(ref _count);
        while (count < _capacity)
        {
            var seen = Interlocked.CompareExchange(ref _count, count + 1, count);
            if (seen == count)
            {
                return true;
            }

            count = seen;
        }

        return false;
    }

    private void RemoveExact(string key, Entry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<string, Entry>(key, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>False when another writer is evicting.</summary>
    private bool TryEvict()
    {
        if (!_eviction.TryEnter())
        {
            return false;
        }

        try
        {
            if (Count < _capacity)
            {
                return true;
            }

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
            if (excess > 0)
            {
                foreach (var (key, entry) in _entries.ToArray().OrderBy(e => e.Value.ExpiresAt).Take(excess))
                {
                    RemoveExact(key, entry);
                }
            }

            return true;
        }
        finally
        {
            _eviction.Exit();
        }
    }

    private sealed record Entry(TValue Value, DateTimeOffset ExpiresAt);
}
