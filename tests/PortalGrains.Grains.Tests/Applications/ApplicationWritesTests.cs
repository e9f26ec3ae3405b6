using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.TestingHost;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Grains.Hosting;
using PortalGrains.Grains.Tests.Support;

namespace PortalGrains.Grains.Tests.Applications;

/// <summary>
/// How often the application grain writes its state: an approval takes the intent before the identity provider call
/// and the outcome after it, and a reconciliation that changes nothing writes nothing.
/// </summary>
public sealed class ApplicationWritesTests : IAsyncLifetime
{
    private const string Inner = "uncounted";
    private InProcessTestCluster? _cluster;

    private IClusterClient Client => _cluster!.Client;

    private CountingGrainStorage Storage =>
        (CountingGrainStorage)_cluster!.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(Inner);
            silo.Services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
                (services, _) => new CountingGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(Inner)));
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

    [Fact]
    public async Task An_approval_takes_two_writes_of_the_application_and_a_reconciliation_that_changes_nothing_none()
    {
        var providerId = await DevProvider.CreateAsync(Client);
        var owner = TestIds.Developer();
        var application = Client.GetGrain<IApplicationGrain>(TestIds.New("app"));
        await application.CreateAsync(new ApplicationDraft(owner.Id, "Counted app", null, []));
        var created = Storage.WritesOf(application.GetGrainId());

        var granted = await application.GrantAsync(new AccessGrant(TestIds.New("request"), providerId, DevProvider.MachineToMachine, [$"orders.read:{Guid.NewGuid():N}"]));

        Assert.True(granted.State == ProvisioningState.Active, $"{granted.State}: {granted.AdminDetail}");
        Assert.Single(await application.GetCredentialsAsync(includeSecrets: false));
        Assert.Equal(2, Storage.WritesOf(application.GetGrainId()) - created);

        // The update is written; its reconciliation finds the client as wanted and writes nothing more.
        var beforeUpdate = Storage.WritesOf(application.GetGrainId());
        var updated = await application.UpdateAsync(new ApplicationUpdate(null, null, null), owner);
        Assert.True(updated.Succeeded);
        Assert.Equal(1, Storage.WritesOf(application.GetGrainId()) - beforeUpdate);
    }
}
