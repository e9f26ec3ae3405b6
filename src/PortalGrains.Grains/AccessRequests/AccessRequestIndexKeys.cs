using PortalGrains.Abstractions.AccessRequests;

namespace PortalGrains.Grains.AccessRequests;

/// <summary>The keys of <see cref="IAccessRequestIndexGrain"/>: the status name as the GraphQL enum spells it, or <c>ALL</c>.</summary>
public static class AccessRequestIndexKeys
{
    public static string For(AccessRequestStatus status) => status.ToString().ToUpperInvariant();

    public static string All => IAccessRequestIndexGrain.AllKey;
}
