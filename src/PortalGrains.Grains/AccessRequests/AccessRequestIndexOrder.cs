namespace PortalGrains.Grains.AccessRequests;

/// <summary>The index order: newest first, then by id, so that every entry has one place and cursors are stable.</summary>
public sealed class AccessRequestIndexOrder : IComparer<AccessRequestIndexEntry>
{
    public static readonly AccessRequestIndexOrder Instance = new();

    public int Compare(AccessRequestIndexEntry? x, AccessRequestIndexEntry? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var byTime = y.CreatedAt.UtcTicks.CompareTo(x.CreatedAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(x.Id, y.Id);
    }
}
