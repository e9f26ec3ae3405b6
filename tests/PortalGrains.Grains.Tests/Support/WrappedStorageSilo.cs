using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.TestingHost;
using PortalGrains.Grains.Hosting;

namespace PortalGrains.Grains.Tests.Support;

/// <summary>
/// One in-process silo with every grain of the portal, whose default grain storage is in-memory storage wrapped by
/// the test's own <typeparamref name="TStorage"/> (to count or keep what goes through it).
/// </summary>
public sealed class WrappedStorageSilo<TStorage>(Func<IGrainStorage, TStorage> wrap) : IAsyncLifetime
    where TStorage : class, IGrainStorage
{
    private const string Inner = "wrapped";
    private InProcessTestCluster? _cluster;

    public IClusterClient Client => _cluster!.Client;

    public TStorage Storage =>
        (TStorage)_cluster!.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(Inner);
            silo.Services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
                (services, _) => wrap(services.GetRequiredKeyedService<IGrainStorage>(Inner)));
            silo.Services.AddSingleton(services => services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
            silo.Services.AddPortalGrains();
            silo.Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
            silo.Services.AddPortalProvisioning();
            silo.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
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
