using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Grains.AccessRequests;
using PortalGrains.Grains.Applications;

namespace PortalGrains.Grains.Common;

/// <summary>
/// How grains change the shared index shards (the admin queues, the application search, the pending-work index):
/// through one <see cref="GrainCallBatcher{TChange}"/> per kind on this silo, so that the changes many grains make
/// at the same moment reach a shard as one call and one write. Each task completes once its change is stored.
/// </summary>
public sealed class IndexUpdates(IGrainFactory grains)
{
    private readonly GrainCallBatcher<AccessRequestIndexChange> _accessRequests =
        new((shard, changes) => grains.GetGrain<IAccessRequestIndexGrain>(shard).ApplyAsync(changes));

    private readonly GrainCallBatcher<ApplicationSearchIndexChange> _search =
        new((shard, changes) => grains.GetGrain<IApplicationSearchIndexGrain>(shard).ApplyAsync(changes));

    private readonly GrainCallBatcher<PendingReconciliationChange> _pending =
        new((shard, changes) => grains.GetGrain<IPendingReconciliationsGrain>(shard).ApplyAsync(changes));

    /// <summary>Into (or out of) the admin queue <paramref name="indexKey"/>, in the shard of the request.</summary>
    public Task ChangeAccessRequestIndexAsync(string indexKey, AccessRequestIndexChange change) =>
        _accessRequests.SendAsync(AccessRequestIndexKeys.ShardOf(indexKey, change.AccessRequestId), change);

    public Task ChangeSearchIndexAsync(ApplicationSearchIndexChange change) =>
        _search.SendAsync(ApplicationSearchIndexKeys.ShardOf(change.ApplicationId), change);

    public Task ChangePendingIndexAsync(PendingReconciliationChange change) =>
        _pending.SendAsync(IPendingReconciliationsGrain.ShardOf(change.ApplicationId), change);
}
