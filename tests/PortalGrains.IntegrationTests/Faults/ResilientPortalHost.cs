using PortalGrains.IntegrationTests.Infrastructure;

namespace PortalGrains.IntegrationTests.Faults;

/// <summary>A host process whose provisioning retries for minutes (<see cref="FaultHostSettings.Resilient"/>).</summary>
public sealed class ResilientPortalHost : IAsyncLifetime
{
    public PortalHost Portal { get; } = new() { ExtraEnvironment = FaultHostSettings.Resilient };

    public Task InitializeAsync() => Portal.InitializeAsync();

    public Task DisposeAsync() => Portal.DisposeAsync();
}
