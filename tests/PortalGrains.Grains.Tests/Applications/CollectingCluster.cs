using Orleans.TestingHost;
using PortalGrains.Grains.Tests.Support;

namespace PortalGrains.Grains.Tests.Applications;

/// <summary>
/// One in-process silo whose tests collect idle activations themselves (<see cref="CollectIdleAsync"/>), with the
/// pending index swept every second so that work a collected application left behind resumes quickly.
/// </summary>
public sealed class CollectingCluster : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Portal:Provisioning:FirstRetryDelay"] = "00:00:00.200",
        ["Portal:Provisioning:MaxRetryDelay"] = "00:00:01",
        ["Portal:Provisioning:SweepInterval"] = "00:00:01",
    };

    private InProcessTestCluster? _cluster;

    public IClusterClient Client => _cluster!.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddPortalForTests(Settings));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>Deactivates every idle activation, as the periodic collection does once they reach their collection age.</summary>
    public Task CollectIdleAsync() => Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    /// <summary>How many activations of the grain class named <paramref name="grainClass"/> the silo holds.</summary>
    public async Task<int> ActivationsAsync(string grainClass) =>
        (await Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Split(',')[0].EndsWith("." + grainClass, StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
