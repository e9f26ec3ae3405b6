namespace PortalGrains.Abstractions.Applications;

public enum ProvisioningState
{
    /// <summary>The identity provider holds a client that carries the grant's scopes.</summary>
    Active,

    /// <summary>A transient failure: the application retries in the background.</summary>
    Retrying,

    /// <summary>A permanent failure: nothing more happens until an admin retries.</summary>
    Failed,

    /// <summary>The grant is no longer wanted (revoked, or the application deleted) and its scopes are gone.</summary>
    Removed,
}
