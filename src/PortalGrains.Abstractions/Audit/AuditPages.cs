namespace PortalGrains.Abstractions.Audit;

public static class AuditPages
{
    /// <summary>A page from up to <paramref name="first"/> + 1 entries read in order (one more tells whether a next page exists).</summary>
    public static AuditPage Of(IReadOnlyList<AuditEntry> read, int first, long totalCount)
    {
        var entries = read.Take(Math.Max(0, first)).ToList();
        return new AuditPage(
            [.. entries],
            read.Count > entries.Count,
            entries.Count > 0 ? AuditOrder.Cursor(entries[^1]) : null,
            (int)Math.Min(int.MaxValue, Math.Max(totalCount, 0)));
    }
}
