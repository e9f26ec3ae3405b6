namespace PortalGrains.Abstractions.Audit;

/// <summary>Reads the audit log for admins (a stateless worker: each silo reads its configured store).</summary>
[Alias("PortalGrains.Audit.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithIntegerKey
{
    /// <inheritdoc cref="IAuditLog.PageAsync"/>
    [Alias("Page")]
    Task<AuditPage> PageAsync(int first, string? after, CancellationToken cancellationToken = default);
}
