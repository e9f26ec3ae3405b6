namespace PortalGrains.Grains.Applications;

/// <summary>The next identity provider operation a provider link needs (see <see cref="ProviderReconciler"/>).</summary>
public enum ProviderStep
{
    Register,
    Update,
    Delete,
    Rotate,

    /// <summary>Read the client back: an update's or rotation's answer was lost.</summary>
    Recover,

    /// <summary>Delete a replaced client (or revoke a previous secret) whose grace period is over.</summary>
    DeleteOrphan,

    /// <summary>Search the identity provider for clients left by registrations whose outcome was lost.</summary>
    SearchUnsettledRegistrations,
}
