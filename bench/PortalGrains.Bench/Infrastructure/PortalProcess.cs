using System.Diagnostics;
using System.Globalization;
using PortalGrains.Testing;

namespace PortalGrains.Bench.Infrastructure;

/// <summary>
/// The built PortalGrains.Host as its own process: one silo, Azure Table storage (or what <c>--storage</c> says), the
/// dev IdP as the portal's login IdP, a fresh service id (so an empty catalogue), notifications off.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private PortalProcess(ChildProcess process, Uri baseAddress, int gatewayPort, string serviceId)
    {
        _process = process;
        BaseAddress = baseAddress;
        GatewayPort = gatewayPort;
        ServiceId = serviceId;
    }

    public Uri BaseAddress { get; }

    public Uri GraphQLUrl => new(BaseAddress, "/graphql");

    public int GatewayPort { get; }

    public string ServiceId { get; }

    public ChildProcess Process => _process;

    /// <summary>
    /// Starts a portal. With <paramref name="serviceId"/> of a running portal it is a second, separate cluster (its own
    /// cluster id) over the same stored grain state, for reading what the first one wrote; <paramref name="settings"/>
    /// are added to (or override) the environment; <paramref name="azureTables"/> replaces the servers' table
    /// connection string (a proxy in front of it).
    /// </summary>
    public static PortalProcess Start(
        BenchOptions options, BenchServers servers, string? serviceId = null,
        IReadOnlyDictionary<string, string>? settings = null, string? azureTables = null)
    {
        var hostAssembly = options.HostAssembly ?? RepositoryLayout.HostAssembly(options.Configuration);
        var port = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var clusterId = "bench-" + Guid.NewGuid().ToString("N")[..12];
        serviceId ??= clusterId;
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_NOLOGO"] = "1",
            ["Orleans__Clustering"] = "Localhost",
            ["Orleans__Storage"] = options.Storage,
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__ServiceId"] = serviceId,
            ["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["ConnectionStrings__AzureTables"] = azureTables ?? servers.AzureTables,
            ["Portal__Auth__Authority"] = servers.Idp.ToString().TrimEnd('/'),
            ["Portal__Auth__Audience"] = "portal",
            ["Portal__Auth__RequireHttpsMetadata"] = "false",
            // The benches' providers are the dev IdP on 127.0.0.1.
            ["Portal__Outbound__BlockLoopback"] = "false",
            // One developer checks out every application the benches create.
            ["Portal__Limits__ApplicationsPerDeveloper"] = "100000",
            ["Portal__Limits__PendingRequestsPerDeveloper"] = "100000",
            // The benches measure provisioning, not mail: without an SMTP server the outbox would fill and refuse.
            ["Portal__Notifications__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            // Nothing is collected while a benchmark runs (state measures what activations cost and collects them itself).
            ["Orleans__ApplicationCollectionAge"] = "03:00:00",
            ["Orleans__CollectionAge"] = "03:00:00",
        };
        if (options.Redis is not null)
        {
            environment["ConnectionStrings__Redis"] = options.Redis;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var process = ChildProcess.Start("dotnet", [hostAssembly, "--urls", baseAddress.ToString()], environment,
            Path.GetDirectoryName(hostAssembly));
        return new PortalProcess(process, baseAddress, gatewayPort, serviceId);
    }

    /// <summary>Waits for /healthz 200 and returns the time since the process was started.</summary>
    public async Task<TimeSpan> WaitUntilHealthyAsync(TimeSpan timeout, TimeSpan? pollInterval = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Waiting.UntilAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new PortalExitedException(_process.Output);
                }

                using var response = await http.GetAsync(new Uri(BaseAddress, "/healthz"));
                return response.IsSuccessStatusCode;
            },
            healthy => healthy, timeout, "the portal's /healthz answering 200", pollInterval);
        return Stopwatch.GetElapsedTime(_process.StartedAt);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private sealed class PortalExitedException(string output) : Exception("the portal exited: " + output);
}
