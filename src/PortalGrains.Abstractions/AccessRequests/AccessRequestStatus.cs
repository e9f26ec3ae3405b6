namespace PortalGrains.Abstractions.AccessRequests;

/// <summary>PENDING -> PROVISIONING -> ACTIVE | FAILED; FAILED -> PROVISIONING; PENDING -> REJECTED; ACTIVE -> REVOKED.</summary>
public enum AccessRequestStatus
{
    Pending,
    Provisioning,
    Active,
    Failed,
    Rejected,
    Revoked,
}
