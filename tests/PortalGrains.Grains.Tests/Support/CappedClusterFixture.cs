using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.TestingHost;
using PortalGrains.Grains.Common;
using PortalGrains.Grains.Hosting;

namespace PortalGrains.Grains.Tests.Support;

/// <summary>A silo of its own whose grain-state caps and per-developer limits are small, so that tests fill them.</summary>
public sealed class CappedClusterFixture : IAsyncLifetime
{
    public const int HistoryPerAccessRequest = 6;
    public const int RequestIdsPerDeveloper = 3;
    public const int PendingRequestsPerDeveloper = 2;
    public const int EntriesPerIndexPage = 5;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>What the silo's storage holds for a grain's state (not what an activation has in memory).</summary>
    public async Task<TState> StoredStateAsync<TState>(string stateName, IAddressable grain)
        where TState : new()
    {
        var storage = Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var state = new GrainState<TState>(new TState());
        await storage.ReadStateAsync(stateName, grain.GetGrainId(), state);
        return state.State ?? new TState();
    }

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorageAsDefault();
            silo.Services.AddPortalGrains();
            silo.Services.Configure<PortalLimitsOptions>(o =>
            {
                o.HistoryPerAccessRequest = HistoryPerAccessRequest;
                o.RequestIdsPerDeveloper = RequestIdsPerDeveloper;
                o.PendingRequestsPerDeveloper = PendingRequestsPerDeveloper;
                o.EntriesPerIndexPage = EntriesPerIndexPage;
            });
            silo.Services.AddPortalProvisioning();
            silo.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
