using PortalGrains.Abstractions.Applications;
using PortalGrains.Grains.Tests.Support;

namespace PortalGrains.Grains.Tests.Applications;

/// <summary>
/// How often the application grain writes its state: an approval takes the intent before the identity provider call
/// and the outcome after it, and a reconciliation that changes nothing writes nothing.
/// </summary>
public sealed class ApplicationWritesTests : IAsyncLifetime
{
    private readonly WrappedStorageSilo<CountingGrainStorage> _silo = new(inner => new CountingGrainStorage(inner));

    private IClusterClient Client => _silo.Client;

    private CountingGrainStorage Storage => _silo.Storage;

    public Task InitializeAsync() => _silo.InitializeAsync();

    public Task DisposeAsync() => _silo.DisposeAsync();

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
