using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Applications;

/// <summary>
/// The applications with identity provider work still to do (retries, clean-up, secrets to rotate before they
/// expire) and when it is due, so that it resumes after a restart and far-off work needs no activation kept alive:
/// this grain wakes each application when its work is due. Written only when an application's due time changes.
/// Key: <see cref="Key"/>.
/// </summary>
[Alias("PortalGrains.Applications.IPendingReconciliationsGrain")]
public interface IPendingReconciliationsGrain : IGrainWithStringKey
{
    const string Key = "all";

    [Alias("Schedule")]
    Task ScheduleAsync(string applicationId, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    [Alias("Remove")]
    Task RemoveAsync(string applicationId, CancellationToken cancellationToken = default);

    [Alias("List")]
    Task<ImmutableArray<string>> ListAsync(CancellationToken cancellationToken = default);
}
