namespace PortalGrains.IdentityProviders.Registration;

/// <summary>
/// An optional capability of a driver that manages clients through a vendor API: checks, without changing anything,
/// that the portal's credentials reach that API with the permissions the driver needs.
/// </summary>
public interface IProviderAccessCheck
{
    /// <summary>What was checked, for an admin; an <see cref="Errors.IdentityProviderException"/> says what failed.</summary>
    Task<string> CheckAccessAsync(IdentityProviderConnection provider, CancellationToken cancellationToken = default);
}
