namespace PortalGrains.IntegrationTests.Security;

/// <summary>Who sends a request of the authorization matrix.</summary>
public enum MatrixCaller
{
    /// <summary>No Authorization header.</summary>
    Anonymous,

    /// <summary>Developer A, who owns the application and its access requests.</summary>
    Owner,

    /// <summary>Developer B, who owns nothing of A's and is in none of A's teams (the outsider).</summary>
    Other,

    /// <summary>A token with the portal:admin scope.</summary>
    Admin,

    /// <summary>Developer C, an OWNER of A's team (beside A), who created none of its applications.</summary>
    TeamOwner,

    /// <summary>Developer D, a MEMBER of A's team.</summary>
    TeamMember,

    /// <summary>Developer E, a MEMBER of A's team until A removed them.</summary>
    FormerMember,
}
