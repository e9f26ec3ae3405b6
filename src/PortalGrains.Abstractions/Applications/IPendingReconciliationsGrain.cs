using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Applications;

/// <summary>
/// The applications with identity provider work still to do (retries, clean-up, secrets to rotate before they
/// expire) and when it is due, so that it resumes after a restart and far-off work needs no activation kept alive:
/// this grain wakes each application when its work is due. Written only when an application's due time changes.
/// Sharded by application (<see cref="ShardOf"/>), so that busy provisioning does not funnel through one grain.
/// </summary>
[Alias("PortalGrains.Applications.IPendingReconciliationsGrain")]
public interface IPendingReconciliationsGrain : IGrainWithStringKey
{
    const int ShardCount = 16;

    static IEnumerable<string> AllShards => Enumerable.Range(0, ShardCount).Select(i => $"pending-{i}");

    /// <summary>The shard of an application: a stable hash (FNV-1a) of its id, the same on every silo and version.</summary>
    static string ShardOf(string applicationId)
    {
        var hash = 2166136261u;
        foreach (var c in applicationId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return $"pending-{hash % ShardCount}";
    }

    [Alias("Schedule")]
    Task ScheduleAsync(string applicationId, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    [Alias("Remove")]
    Task RemoveAsync(string applicationId, CancellationToken cancellationToken = default);

    /// <summary>Applies the changes in their order with one write (none when nothing changes).</summary>
    [Alias("Apply")]
    Task ApplyAsync(ImmutableArray<PendingReconciliationChange> changes, CancellationToken cancellationToken = default);

    [Alias("List")]
    Task<ImmutableArray<string>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Wakes the applications whose work is due (and keeps waking them while this activation lives).</summary>
    [Alias("Wake")]
    Task WakeAsync(CancellationToken cancellationToken = default);
}
