using PortalGrains.Bench.Infrastructure;
using PortalGrains.Bench.Portal;

namespace PortalGrains.Bench;

/// <summary>What every benchmark gets: the options, the servers, the report, and helpers to start a portal.</summary>
public sealed class BenchContext(BenchOptions options, BenchServers servers, BenchReport report)
{
    public BenchOptions Options => options;

    public BenchServers Servers => servers;

    public BenchReport Report => report;

    public static HttpClient NewHttpClient(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    { Timeout = TimeSpan.FromSeconds(100) };

    /// <inheritdoc cref="PortalProcess.Start"/>
    public async Task<PortalProcess> StartPortalAsync(
        string? serviceId = null, IReadOnlyDictionary<string, string>? settings = null, string? azureTables = null)
    {
        var portal = PortalProcess.Start(options, servers, serviceId, settings, azureTables);
        try
        {
            await portal.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120));
            return portal;
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }
    }

    public PortalClient Client(HttpClient http, PortalProcess portal) => new(http, portal.GraphQLUrl, servers.Idp);
}
