using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Provisioning;

/// <summary>A driver and a live connection to one identity provider, for the duration of one operation.</summary>
public sealed class ConnectedProvider(IClientRegistrationDriver driver, ProviderConnection connection) : IDisposable
{
    public IClientRegistrationDriver Driver { get; } = driver;

    public ProviderConnection Connection { get; } = connection;

    public void Dispose() => Connection.Http.Dispose();
}
