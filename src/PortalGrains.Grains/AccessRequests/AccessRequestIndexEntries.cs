namespace PortalGrains.Grains.AccessRequests;

/// <summary>Operations on a list of index entries kept in the index order, shared by a shard's head and its pages.</summary>
internal static class AccessRequestIndexEntries
{
    /// <summary>Adds the entry, replacing an entry of the same id at another time.</summary>
    /// <returns>Whether the list changed.</returns>
    public static bool Add(List<AccessRequestIndexEntry> entries, AccessRequestIndexEntry entry)
    {
        var existing = entries.FindIndex(e => e.Id == entry.Id);
        if (existing >= 0 && entries[existing].CreatedAt.UtcTicks == entry.CreatedAt.UtcTicks)
        {
            return false;
        }

        if (existing >= 0)
        {
            entries.RemoveAt(existing);
        }

        var at = entries.BinarySearch(entry, AccessRequestIndexOrder.Instance);
        entries.Insert(at < 0 ? ~at : at, entry);
        return true;
    }

    /// <summary>Drops the entries at or after <paramref name="end"/> (nothing when null).</summary>
    /// <returns>Whether the list changed.</returns>
    public static bool TrimAt(List<AccessRequestIndexEntry> entries, AccessRequestIndexEntry? end)
    {
        var count = CountBefore(entries, end);
        if (count == entries.Count)
        {
            return false;
        }

        entries.RemoveRange(count, entries.Count - count);
        return true;
    }

    /// <summary>Up to <paramref name="take"/> entries after <paramref name="after"/> and before <paramref name="end"/>.</summary>
    public static AccessRequestIndexSlice Slice(
        List<AccessRequestIndexEntry> entries, AccessRequestIndexEntry? after, int take, AccessRequestIndexEntry? end)
    {
        var start = 0;
        if (after is not null)
        {
            // The first entry that comes after the position (the position's own entry may be gone).
            var found = entries.BinarySearch(after, AccessRequestIndexOrder.Instance);
            start = found >= 0 ? found + 1 : ~found;
        }

        var stop = CountBefore(entries, end);
        var count = Math.Clamp(stop - start, 0, Math.Max(take, 0));
        return new AccessRequestIndexSlice([.. entries.GetRange(Math.Min(start, entries.Count), count)], start + count < stop);
    }

    private static int CountBefore(List<AccessRequestIndexEntry> entries, AccessRequestIndexEntry? end)
    {
        if (end is null)
        {
            return entries.Count;
        }

        var found = entries.BinarySearch(end, AccessRequestIndexOrder.Instance);
        return found >= 0 ? found : ~found;
    }
}
