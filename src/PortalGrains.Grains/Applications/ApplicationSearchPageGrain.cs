using System.Collections.Immutable;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Grains.AccessRequests;
using PortalGrains.Grains.Persistence;

namespace PortalGrains.Grains.Applications;

/// <summary>A page of a search index shard's chain (see <see cref="ApplicationSearchIndexGrain"/>): at most the configured entries.</summary>
public sealed class ApplicationSearchPageGrain(
    [PersistentState("applicationSearchPage")] IPersistentState<ApplicationSearchPageState> state) : Grain, IApplicationSearchPageGrain
{
    public async Task<int?> UpsertAsync(ApplicationSearchEntry entry, AccessRequestIndexEntry? end, int maxEntries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var entries = new List<ApplicationSearchEntry>(state.State.Entries);
        var changed = ApplicationSearchEntries.TrimAt(entries, end);
        changed |= ApplicationSearchEntries.Upsert(entries, entry);
        if (entries.Count > maxEntries)
        {
            return null;
        }

        await StoreAsync(entries, changed, cancellationToken);
        return entries.Count;
    }

    public async Task<int> RemoveAsync(string applicationId, AccessRequestIndexEntry? end, CancellationToken cancellationToken = default)
    {
        var entries = new List<ApplicationSearchEntry>(state.State.Entries);
        var changed = ApplicationSearchEntries.TrimAt(entries, end);
        changed |= entries.RemoveAll(e => e.Id == applicationId) > 0;
        await StoreAsync(entries, changed, cancellationToken);
        return entries.Count;
    }

    public Task<ApplicationSearchSlice> SearchAsync(
        string? search, AccessRequestIndexEntry? after, int take, AccessRequestIndexEntry? end, CancellationToken cancellationToken = default) =>
        Task.FromResult(ApplicationSearchEntries.Search(state.State.Entries, search, after, take, end));

    public Task<ImmutableArray<ApplicationSearchEntry>> ReadAsync(AccessRequestIndexEntry? end, CancellationToken cancellationToken = default) =>
        Task.FromResult(ApplicationSearchEntries.Before(state.State.Entries, end).ToImmutableArray());

    public Task ReplaceAsync(ImmutableArray<ApplicationSearchEntry> entries, CancellationToken cancellationToken = default) =>
        StoreAsync([.. entries], changed: true, cancellationToken);

    private async Task StoreAsync(List<ApplicationSearchEntry> entries, bool changed, CancellationToken cancellationToken)
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
