using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Grains.Hosting;

namespace PortalGrains.Grains.AccessRequests;

/// <summary>
/// The admin queue of one status (or of all requests), newest first. Access request grains keep it up to date;
/// adding and removing are idempotent so that they can repeat an update they are unsure about. Listings should
/// still check each request's status: the index follows a status change just after it is stored.
/// </summary>
/// <remarks>
/// An index is <see cref="AccessRequestIndexKeys.ShardCount"/> shards (keys "PENDING#0", ...), each holding its part of
/// the list (about 60 bytes per entry within one storage entity), so that status changes spread over them. The grain
/// of the index's own key ("PENDING") stores nothing: it pages by merging the shards' pages, and forwards changes.
/// </remarks>
public sealed class AccessRequestIndexGrain(
    [PersistentState("accessRequestIndex")] IPersistentState<AccessRequestIndexState> state) : Grain, IAccessRequestIndexGrain
{
    public const int MaxPageSize = 200;

    private bool IsShard => AccessRequestIndexKeys.IsShard(this.GetPrimaryKeyString());

    public async Task AddAsync(string accessRequestId, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessRequestId);
        if (!IsShard)
        {
            await ShardOf(accessRequestId).AddAsync(accessRequestId, createdAt, cancellationToken);
            return;
        }

        var entry = new AccessRequestIndexEntry(accessRequestId, createdAt);
        await state.UpdateAsync(this, s =>
        {
            var existing = s.Entries.FindIndex(e => e.Id == accessRequestId);
            if (existing >= 0 && s.Entries[existing].CreatedAt.UtcTicks == createdAt.UtcTicks)
            {
                return false;
            }

            if (existing >= 0)
            {
                s.Entries.RemoveAt(existing);
            }

            var at = s.Entries.BinarySearch(entry, AccessRequestIndexOrder.Instance);
            s.Entries.Insert(at < 0 ? ~at : at, entry);
            return true;
        }, cancellationToken);
    }

    public Task RemoveAsync(string accessRequestId, CancellationToken cancellationToken = default) =>
        IsShard
            ? state.UpdateAsync(this, s => s.Entries.RemoveAll(e => e.Id == accessRequestId) > 0, cancellationToken)
            : ShardOf(accessRequestId).RemoveAsync(accessRequestId, cancellationToken);

    /// <exception cref="ArgumentException">The cursor was not produced by this index.</exception>
    public async Task<AccessRequestPage> PageAsync(int first, string? after, CancellationToken cancellationToken = default)
    {
        if (IsShard)
        {
            return ShardPage(first, after);
        }

        // Each shard's first page after the cursor; the merged order's first entries are among them.
        var take = Math.Clamp(first, 1, MaxPageSize);
        var pages = await Task.WhenAll(Enumerable.Range(0, AccessRequestIndexKeys.ShardCount).Select(shard =>
            GrainFactory.GetGrain<IAccessRequestIndexGrain>(AccessRequestIndexKeys.ShardKey(this.GetPrimaryKeyString(), shard))
                .PageAsync(take, after, cancellationToken)));
        var merged = pages
            .SelectMany(p => p.Ids.Zip(p.CreatedAt, (id, createdAt) => new AccessRequestIndexEntry(id, createdAt)))
            .Order(AccessRequestIndexOrder.Instance)
            .ToList();
        var page = merged.Take(take).ToList();
        var hasNextPage = merged.Count > take || pages.Any(p => p.HasNextPage);
        var endCursor = page.Count > 0 ? AccessRequestCursor.Encode(page[^1]) : null;
        return new AccessRequestPage([.. page.Select(e => e.Id)], hasNextPage, endCursor, pages.Sum(p => p.TotalCount), [.. page.Select(e => e.CreatedAt)]);
    }

    private IAccessRequestIndexGrain ShardOf(string accessRequestId) =>
        GrainFactory.GetGrain<IAccessRequestIndexGrain>(AccessRequestIndexKeys.ShardOf(this.GetPrimaryKeyString(), accessRequestId));

    private AccessRequestPage ShardPage(int first, string? after)
    {
        var entries = state.State.Entries;
        var start = 0;
        if (!string.IsNullOrEmpty(after))
        {
            if (!AccessRequestCursor.TryDecode(after, out var position))
            {
                throw new ArgumentException("The cursor is not valid.", nameof(after));
            }

            // The first entry that comes after the cursor's position (the cursor's own entry may be gone).
            var found = entries.BinarySearch(position, AccessRequestIndexOrder.Instance);
            start = found >= 0 ? found + 1 : ~found;
        }

        var take = Math.Clamp(first, 1, MaxPageSize);
        var page = entries.Skip(start).Take(take).ToList();
        var hasNextPage = start + page.Count < entries.Count;
        var endCursor = page.Count > 0 ? AccessRequestCursor.Encode(page[^1]) : null;
        return new AccessRequestPage([.. page.Select(e => e.Id)], hasNextPage, endCursor, entries.Count, [.. page.Select(e => e.CreatedAt)]);
    }
}
