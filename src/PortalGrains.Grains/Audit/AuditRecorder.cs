using PortalGrains.Abstractions.Audit;

namespace PortalGrains.Grains.Audit;

/// <summary>
/// Records admin changes in the audit log. A grain calls <see cref="RecordAsync"/> right after it stored a change
/// and before it answers: when the log cannot be written (after a few quick attempts with the same entry, so that
/// nothing is recorded twice) the exception reaches the caller and the change is not acknowledged.
/// </summary>
public sealed class AuditRecorder(IAuditLog log, TimeProvider clock)
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500)];

    public async Task RecordAsync(string actor, string action, string subjectType, string subjectId, string? detail, CancellationToken cancellationToken = default)
    {
        var entry = new AuditEntry(Guid.NewGuid().ToString("N"), clock.GetUtcNow(), actor, action, subjectType, subjectId, detail);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await log.AppendAsync(entry, cancellationToken);
                return;
            }
            catch (Exception) when (attempt < RetryDelays.Length && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(RetryDelays[attempt], clock, cancellationToken);
            }
        }
    }
}
