using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using PortalGrains.Grains.Common;
using PortalGrains.Grains.Tests.Support;

namespace PortalGrains.Grains.Tests.Applications;

/// <summary>
/// One in-process silo whose clock a test moves forward, with small limits: 3 secret rotations per application and
/// hour, 2 replaced clients in their grace period, 4 identity provider operations kept for the audit.
/// </summary>
public sealed class RotationLimitsCluster : IAsyncLifetime
{
    public const int RotationsPerHour = 3;
    public const int ClientsInGracePeriod = 2;
    public const int OperationsKept = 4;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Portal:Provisioning:FirstRetryDelay"] = "00:00:00.200",
        ["Portal:Provisioning:MaxRetryDelay"] = "00:00:01",
        ["Portal:Provisioning:MaxClientsInGracePeriod"] = $"{ClientsInGracePeriod}",
        ["Portal:Provisioning:MaxOperationsKept"] = $"{OperationsKept}",
    };

    private InProcessTestCluster? _cluster;

    public ShiftedTimeProvider Clock { get; } = new();

    public IClusterClient Client => _cluster!.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.AddPortalForTests(Settings);
            silo.Services.Configure<PortalLimitsOptions>(o => o.SecretRotationsPerHour = RotationsPerHour);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
