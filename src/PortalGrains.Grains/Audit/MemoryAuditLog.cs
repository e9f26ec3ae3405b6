using PortalGrains.Abstractions.Audit;

namespace PortalGrains.Grains.Audit;

/// <summary>
/// The audit log in this process's memory (with <c>Orleans:Storage=Memory</c>, for development and tests): each
/// silo keeps the entries recorded on it, and a restart forgets them.
/// </summary>
public sealed class MemoryAuditLog : IAuditLog
{
    private readonly SortedList<string, AuditEntry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            _entries[AuditOrder.KeyOf(entry)] = entry;
        }

        return Task.CompletedTask;
    }

    public Task<AuditPage> PageAsync(int first, string? after, CancellationToken cancellationToken = default)
    {
        var afterKey = after is null ? null : AuditOrder.KeyOfCursor(after);
        lock (_lock)
        {
            var following = _entries
                .Where(e => afterKey is null || string.CompareOrdinal(e.Key, afterKey) > 0)
                .Take(Math.Max(0, first) + 1)
                .Select(e => e.Value)
                .ToList();
            return Task.FromResult(AuditPages.Of(following, first, _entries.Count));
        }
    }
}
