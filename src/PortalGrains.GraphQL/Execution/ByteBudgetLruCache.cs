namespace PortalGrains.GraphQL.Execution;

/// <summary>
/// A thread-safe cache bounded by the total size of its entries (as the caller weighs them): adding past the budget
/// evicts the least recently used entries, and an entry larger than the whole budget is not kept. One lock guards
/// the map and the recency list; both operations are O(1) under it.
/// </summary>
public sealed class ByteBudgetLruCache<TValue>(long budgetBytes)
    where TValue : class
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private long _totalBytes;

    public long BudgetBytes { get; } = budgetBytes > 0 ? budgetBytes : throw new ArgumentOutOfRangeException(nameof(budgetBytes), "The budget must be positive.");

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public long TotalBytes
    {
        get
        {
            lock (_lock)
            {
                return _totalBytes;
            }
        }
    }

    /// <summary>Finds an entry and marks it the most recently used.</summary>
    public bool TryGet(string key, out TValue value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }

        value = null!;
        return false;
    }

    /// <summary>Adds or replaces an entry as the most recently used, evicting the least recently used ones beyond the budget.</summary>
    /// <returns>Whether the entry is kept (false when it alone is larger than the budget).</returns>
    public bool Set(string key, TValue value, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        lock (_lock)
        {
            if (_entries.Remove(key, out var existing))
            {
                _recency.Remove(existing);
                _totalBytes -= existing.Value.Bytes;
            }

            if (bytes > BudgetBytes)
            {
                return false;
            }

            while (_totalBytes + bytes > BudgetBytes && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _totalBytes -= oldest.Value.Bytes;
            }

            _entries[key] = _recency.AddFirst(new Entry(key, value, bytes));
            _totalBytes += bytes;
            return true;
        }
    }

    private sealed record Entry(string Key, TValue Value, long Bytes);
}
