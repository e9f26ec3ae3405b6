using Orleans.Concurrency;
using PortalGrains.Abstractions.Audit;

namespace PortalGrains.Grains.Audit;

[StatelessWorker]
public sealed class AuditLogGrain(IAuditLog log) : Grain, IAuditLogGrain
{
    public Task<AuditPage> PageAsync(int first, string? after, CancellationToken cancellationToken = default) =>
        log.PageAsync(first, after, cancellationToken);
}
