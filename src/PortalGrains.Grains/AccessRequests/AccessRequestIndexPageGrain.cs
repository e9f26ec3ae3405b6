using System.Collections.Immutable;
using PortalGrains.Grains.Persistence;

namespace PortalGrains.Grains.AccessRequests;

/// <summary>A page of an index shard's chain (see <see cref="AccessRequestIndexGrain"/>): at most the configured entries.</summary>
public sealed class AccessRequestIndexPageGrain(
    [PersistentState("accessRequestIndexPage")] IPersistentState<AccessRequestIndexPageState> state) : Grain, IAccessRequestIndexPageGrain
{
    public async Task<int?> AddAsync(AccessRequestIndexEntry entry, AccessRequestIndexEntry? end, int maxEntries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var entries = new List<AccessRequestIndexEntry>(state.State.Entries);
        var changed = AccessRequestIndexEntries.TrimAt(entries, end);
        changed |= AccessRequestIndexEntries.Add(entries, entry);
        if (entries.Count > maxEntries)
        {
            return null;
        }

        await StoreAsync(entries, changed, cancellationToken);
        return entries.Count;
    }

    public async Task<int> RemoveAsync(string accessRequestId, AccessRequestIndexEntry? end, CancellationToken cancellationToken = default)
    {
        var entries = new List<AccessRequestIndexEntry>(state.State.Entries);
        var changed = AccessRequestIndexEntries.TrimAt(entries, end);
        changed |= entries.RemoveAll(e => e.Id == accessRequestId) > 0;
        await StoreAsync(entries, changed, cancellationToken);
        return entries.Count;
    }

    public Task<AccessRequestIndexSlice> ReadAsync(AccessRequestIndexEntry? after, int take, AccessRequestIndexEntry? end, CancellationToken cancellationToken = default) =>
        Task.FromResult(AccessRequestIndexEntries.Slice(state.State.Entries, after, take, end));

    public Task ReplaceAsync(ImmutableArray<AccessRequestIndexEntry> entries, CancellationToken cancellationToken = default) =>
        StoreAsync([.. entries], changed: true, cancellationToken);

    private async Task StoreAsync(List<AccessRequestIndexEntry> entries, bool changed, CancellationToken cancellationToken)
    {
        if (!changed)
        {
            return;
        }

        state.State.Entries = entries;
        if (entries.Count == 0)
        {
            await state.ClearStateAsync(cancellationToken);
            return;
        }

        await state.WriteOrReloadAsync(this, cancellationToken);
    }
}
