using PortalGrains.Abstractions.Applications;
using PortalGrains.Grains.AccessRequests;

namespace PortalGrains.Grains.Applications;

/// <summary>
/// Operations on a list of search entries kept in the index order (newest first, then by id: the order and the
/// positions of the access request indexes), shared by a shard's head and its pages.
/// </summary>
internal static class ApplicationSearchEntries
{
    private static readonly Comparer<ApplicationSearchEntry> Order =
        Comparer<ApplicationSearchEntry>.Create((x, y) => AccessRequestIndexOrder.Instance.Compare(PositionOf(x), PositionOf(y)));

    public static AccessRequestIndexEntry PositionOf(ApplicationSearchEntry entry) => new(entry.Id, entry.CreatedAt);

    /// <summary>Adds the entry or replaces the entry of the same id.</summary>
    /// <returns>Whether the list changed.</returns>
    public static bool Upsert(List<ApplicationSearchEntry> entries, ApplicationSearchEntry entry)
    {
        var existing = entries.FindIndex(e => e.Id == entry.Id);
        if (existing >= 0 && entries[existing].SameAs(entry))
        {
            return false;
        }

        if (existing >= 0)
        {
            entries.RemoveAt(existing);
        }

        var at = entries.BinarySearch(entry, Order);
        entries.Insert(at < 0 ? ~at : at, entry);
        return true;
    }

    /// <summary>Drops the entries at or after <paramref name="end"/> (nothing when null).</summary>
    /// <returns>Whether the list changed.</returns>
    public static bool TrimAt(List<ApplicationSearchEntry> entries, AccessRequestIndexEntry? end)
    {
        var count = CountBefore(entries, end);
        if (count == entries.Count)
        {
            return false;
        }

        entries.RemoveRange(count, entries.Count - count);
        return true;
    }

    /// <summary>The entries before <paramref name="end"/>.</summary>
    public static IEnumerable<ApplicationSearchEntry> Before(List<ApplicationSearchEntry> entries, AccessRequestIndexEntry? end) =>
        entries.Take(CountBefore(entries, end));

    /// <summary>What <paramref name="search"/> finds before <paramref name="end"/>: up to <paramref name="take"/> matches after <paramref name="after"/>.</summary>
    public static ApplicationSearchSlice Search(
        List<ApplicationSearchEntry> entries, string? search, AccessRequestIndexEntry? after, int take, AccessRequestIndexEntry? end)
    {
        var matches = Before(entries, end).Where(e => e.Matches(search)).ToList();
        var following = after is null
            ? matches
            : matches.Where(e => AccessRequestIndexOrder.Instance.Compare(PositionOf(e), after) > 0).ToList();
        return new ApplicationSearchSlice([.. following.Take(Math.Max(take, 0))], matches.Count, following.Count);
    }

    private static int CountBefore(List<ApplicationSearchEntry> entries, AccessRequestIndexEntry? end)
    {
        if (end is null)
        {
            return entries.Count;
        }

        var found = entries.BinarySearch(new ApplicationSearchEntry(end.Id, end.CreatedAt, "", "", null, []), Order);
        return found >= 0 ? found : ~found;
    }
}
