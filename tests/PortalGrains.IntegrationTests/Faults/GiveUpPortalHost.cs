using PortalGrains.IntegrationTests.Infrastructure;

namespace PortalGrains.IntegrationTests.Faults;

/// <summary>
/// A host process whose provisioning gives up after a second and whose circuit breaker opens after a few failures
/// (<see cref="FaultHostSettings.GiveUp"/>).
/// </summary>
public sealed class GiveUpPortalHost : IAsyncLifetime
{
    public PortalHost Portal { get; } = new() { ExtraEnvironment = FaultHostSettings.GiveUp };

    public Task InitializeAsync() => Portal.InitializeAsync();

    public Task DisposeAsync() => Portal.DisposeAsync();
}
