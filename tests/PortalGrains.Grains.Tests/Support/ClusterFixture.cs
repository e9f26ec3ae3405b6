using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using PortalGrains.Grains.Hosting;
using PortalGrains.IdentityProviders.Http;

namespace PortalGrains.Grains.Tests.Support;

/// <summary>
/// One in-process silo with in-memory grain storage and every grain of the portal (the provider and application
/// grains call the dev IdP), shared by the tests of <see cref="ClusterCollection"/>.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private static readonly IConfiguration Configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:Provisioning:FirstRetryDelay"] = "00:00:00.200",
            ["Portal:Provisioning:MaxRetryDelay"] = "00:00:01",
        })
        .Build();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorageAsDefault();
            silo.Services.AddPortalGrains();
            silo.Services.AddSingleton(Configuration);
            silo.Services.AddPortalProvisioning();
            // The providers the tests configure are the dev IdP on 127.0.0.1.
            silo.Services.AddOutboundPolicy(o => o.BlockLoopback = false);
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
