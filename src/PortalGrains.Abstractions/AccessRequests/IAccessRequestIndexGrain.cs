using System.Collections.Immutable;

namespace PortalGrains.Abstractions.AccessRequests;

/// <summary>
/// The admin queue of access requests in one status, newest first. Keyed by the status name, or
/// <see cref="AllKey"/> for every request.
/// </summary>
[Alias("PortalGrains.AccessRequests.IAccessRequestIndexGrain")]
public interface IAccessRequestIndexGrain : IGrainWithStringKey
{
    const string AllKey = "ALL";

    [Alias("Add")]
    Task AddAsync(string accessRequestId, DateTimeOffset createdAt, CancellationToken cancellationToken = default);

    /// <summary>Removes the request wherever it is; on a long index this asks every page that the newest does not hold.</summary>
    [Alias("Remove")]
    Task RemoveAsync(string accessRequestId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the request that was added at <paramref name="createdAt"/>: the index finds its page from the position,
    /// so this touches one page however long the index is. Prefer it to the overload without the time.
    /// </summary>
    [Alias("RemoveAt")]
    Task RemoveAsync(string accessRequestId, DateTimeOffset createdAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies the changes in their order and stores them together: the way to send many at once (see
    /// <c>IndexUpdates</c>). Each is idempotent, as the single calls are.
    /// </summary>
    [Alias("Apply")]
    Task ApplyAsync(ImmutableArray<AccessRequestIndexChange> changes, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="first"/> ids after the cursor, newest first.</summary>
    [Alias("Page")]
    Task<AccessRequestPage> PageAsync(int first, string? after, CancellationToken cancellationToken = default);
}
