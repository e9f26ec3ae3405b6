namespace PortalGrains.IntegrationTests.Security;

/// <summary>Who sends a request of the authorization matrix.</summary>
public enum MatrixCaller
{
    /// <summary>No Authorization header.</summary>
    Anonymous,

    /// <summary>Developer A, who owns the application and its access requests.</summary>
    Owner,

    /// <summary>Developer B, who owns nothing of A's.</summary>
    Other,

    /// <summary>A token with the portal:admin scope.</summary>
    Admin,
}
