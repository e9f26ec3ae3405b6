using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Grains.Hosting;

namespace PortalGrains.Grains.AccessRequests;

/// <summary>
/// The admin queue of one status (or of all requests), newest first. Access request grains keep it up to date;
/// adding and removing are idempotent so that they can repeat an update they are unsure about. Listings should
/// still check each request's status: the index follows a status change just after it is stored.
/// </summary>
/// <remarks>One grain holds the whole list: about 60 bytes per entry, well within one storage entity for a portal's volume.</remarks>
public sealed class AccessRequestIndexGrain(
    [PersistentState("accessRequestIndex")] IPersistentState<AccessRequestIndexState> state) : Grain, IAccessRequestIndexGrain
{
    public const int MaxPageSize = 200;

    public async Task AddAsync(string accessRequestId, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessRequestId);
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
        state.UpdateAsync(this, s => s.Entries.RemoveAll(e => e.Id == accessRequestId) > 0, cancellationToken);

    /// <exception cref="ArgumentException">The cursor was not produced by this index.</exception>
    public Task<AccessRequestPage> PageAsync(int first, string? after, CancellationToken cancellationToken = default)
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
        return Task.FromResult(new AccessRequestPage([.. page.Select(e => e.Id)], hasNextPage, endCursor, entries.Count));
    }
}
