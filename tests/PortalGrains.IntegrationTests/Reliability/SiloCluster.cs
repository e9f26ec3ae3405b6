using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Reliability;

/// <summary>Several host processes clustered through Redis, sharing Azure Table storage, each with its own HTTP port.</summary>
public sealed class SiloCluster(string storageConnectionString) : IAsyncDisposable
{
    private readonly string _clusterId = "crash-" + Guid.NewGuid().ToString("N")[..10];
    private readonly List<HostProcess> _silos = [];

    public IReadOnlyList<HostProcess> Silos => _silos;

    public string StorageConnectionString { get; set; } = storageConnectionString;

    public IEnumerable<HostProcess> Running => _silos.Where(s => !s.HasExited);

    public async Task<HostProcess> StartSiloAsync()
    {
        var silo = HostProcess.Start(SiloEnvironment("Redis", _clusterId, StorageConnectionString));
        _silos.Add(silo);
        using var http = new HttpClient();
        await silo.WaitUntilHealthyAsync(http, TimeSpan.FromSeconds(90));
        return silo;
    }

    /// <summary>A silo on Azure Table storage with short provisioning and webhook retry times; Redis or Localhost clustering.</summary>
    public static Dictionary<string, string> SiloEnvironment(string clustering, string clusterId, string storageConnectionString) =>
        new()
        {
            ["Orleans__Clustering"] = clustering,
            ["Orleans__Storage"] = "AzureTables",
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__ServiceId"] = clusterId,
            ["Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
            ["ConnectionStrings__Redis"] = TestServers.Redis,
            ["ConnectionStrings__AzureTables"] = storageConnectionString,
            ["Portal__Auth__Authority"] = DevIdentityProvider.Shared.IssuerText,
            ["Portal__Auth__Audience"] = "portal",
            ["Portal__Auth__RequireHttpsMetadata"] = "false",
            ["Portal__Outbound__BlockLoopback"] = "false",
            ["Portal__Provisioning__FirstRetryDelay"] = "00:00:00.500",
            ["Portal__Provisioning__MaxRetryDelay"] = "00:00:02",
            ["Portal__Provisioning__GiveUpAfter"] = "00:01:00",
            ["Portal__Provisioning__OperationWatchdog"] = "00:00:10",
            ["Portal__Provisioning__SweepInterval"] = "00:00:02",
            ["Portal__Notifications__Enabled"] = "false",
            ["Portal__Webhooks__AllowHttp"] = "true",
            ["Portal__Webhooks__FirstRetryDelay"] = "00:00:00.500",
            ["Portal__Webhooks__MaxRetryDelay"] = "00:00:02",
            ["Portal__Webhooks__SweepInterval"] = "00:00:02",
            ["Portal__IdentityProviders__Http__AttemptTimeout"] = "00:00:05",
            ["Portal__IdentityProviders__Http__TotalTimeout"] = "00:00:08",
        };

    public GraphQLClient Client(HostProcess silo) => new(silo.BaseAddress);

    public async Task StopAllAsync()
    {
        await Task.WhenAll(Running.ToList().Select(s => s.TerminateAsync(TimeSpan.FromSeconds(60))));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }
}
