using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;

namespace PortalGrains.Bench.Infrastructure;

/// <summary>
/// An Orleans client of the portal silo's gateway, for what only the silo knows: how many grains are activated, and
/// collecting the idle ones (<see cref="IManagementGrain.ForceActivationCollection(TimeSpan)"/> deactivates what has
/// been idle longer than the given age, as the periodic collection does after <c>GrainCollectionOptions.CollectionAge</c>).
/// </summary>
public sealed class SiloManagement : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly IManagementGrain _management;

    private SiloManagement(IHost host)
    {
        _host = host;
        _management = host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
    }

    public static async Task<SiloManagement> ConnectAsync(int gatewayPort, string serviceId)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, serviceId, serviceId))
            .ConfigureLogging(logging => logging.ClearProviders())
            .Build();
        await host.StartAsync();
        return new SiloManagement(host);
    }

    public Task<int> TotalActivationsAsync() => _management.GetTotalActivationCount();

    /// <summary>Activations per grain type (short type names).</summary>
    public async Task<IReadOnlyDictionary<string, int>> ActivationsByTypeAsync()
    {
        var statistics = await _management.GetSimpleGrainStatistics();
        return statistics.GroupBy(s => ShortName(s.GrainType)).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
    }

    public Task CollectIdleAsync(TimeSpan idleFor) => _management.ForceActivationCollection(idleFor);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static string ShortName(string grainType)
    {
        var name = grainType.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
