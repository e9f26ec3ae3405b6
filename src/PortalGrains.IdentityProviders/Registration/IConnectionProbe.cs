namespace PortalGrains.IdentityProviders.Registration;

/// <summary>
/// An optional capability of a driver whose service can be asked, without changing anything, whether it accepts the
/// portal's credentials (the HTTP bridge's API key). The provider connection check runs it as a step of its own.
/// </summary>
public interface IConnectionProbe
{
    /// <summary>The name of the check step, e.g. "bridgeApiKey".</summary>
    string ProbeName { get; }

    /// <summary>Sends an authenticated request that changes nothing and returns what it showed.</summary>
    /// <exception cref="Errors.IdentityProviderException">The service refused the credentials or could not be reached.</exception>
    Task<string> ProbeAsync(IdentityProviderConnection provider, CancellationToken cancellationToken = default);
}
