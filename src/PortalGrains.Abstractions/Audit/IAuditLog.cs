namespace PortalGrains.Abstractions.Audit;

/// <summary>
/// Where audit entries are kept: Azure Tables, Redis or memory, as <c>Orleans:Storage</c> says. Entries are read
/// newest first through <see cref="AuditOrder"/> keys, so every implementation pages the same way.
/// </summary>
public interface IAuditLog
{
    /// <summary>Stores the entry; storing the same entry (same id and time) again changes nothing. Throws when it cannot.</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// The <paramref name="first"/> entries after the cursor (from the start without one), newest first.
    /// Throws <see cref="ArgumentException"/> for a cursor that no page returned.
    /// </summary>
    Task<AuditPage> PageAsync(int first, string? after, CancellationToken cancellationToken = default);
}
