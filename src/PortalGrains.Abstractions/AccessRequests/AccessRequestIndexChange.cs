namespace PortalGrains.Abstractions.AccessRequests;

/// <summary>
/// A change of an admin queue: the request in (<see cref="IsRemoval"/> false) or out of it. A removal without
/// <see cref="CreatedAt"/> looks for the request on every page (see <see cref="IAccessRequestIndexGrain.RemoveAsync(string, CancellationToken)"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AccessRequestIndexChange(
    [property: Id(0)] string AccessRequestId,
    [property: Id(1)] DateTimeOffset? CreatedAt,
    [property: Id(2)] bool IsRemoval)
{
    public static AccessRequestIndexChange Add(string accessRequestId, DateTimeOffset createdAt) => new(accessRequestId, createdAt, false);

    public static AccessRequestIndexChange Remove(string accessRequestId, DateTimeOffset createdAt) => new(accessRequestId, createdAt, true);
}
