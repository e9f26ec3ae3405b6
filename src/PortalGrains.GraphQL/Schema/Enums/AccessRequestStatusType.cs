using GraphQL.Types;
using PortalGrains.Abstractions.AccessRequests;

namespace PortalGrains.GraphQL.Schema.Enums;

public sealed class AccessRequestStatusType : EnumerationGraphType
{
    public AccessRequestStatusType()
    {
        Name = "AccessRequestStatus";
        Description = "PENDING -> (approve) PROVISIONING -> ACTIVE | FAILED; FAILED -> (retry) PROVISIONING; PENDING -> REJECTED; ACTIVE -> REVOKED";
        Add("PENDING", AccessRequestStatus.Pending);
        Add("PROVISIONING", AccessRequestStatus.Provisioning);
        Add("ACTIVE", AccessRequestStatus.Active);
        Add("FAILED", AccessRequestStatus.Failed);
        Add("REJECTED", AccessRequestStatus.Rejected);
        Add("REVOKED", AccessRequestStatus.Revoked);
    }

    /// <summary>The key of the access request index grain for a status (its GraphQL name), or ALL.</summary>
    public static string IndexKey(AccessRequestStatus? status) =>
        status?.ToString().ToUpperInvariant() ?? IAccessRequestIndexGrain.AllKey;
}
