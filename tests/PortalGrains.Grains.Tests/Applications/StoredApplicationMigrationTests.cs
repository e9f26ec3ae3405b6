using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Grains.Applications;
using PortalGrains.Grains.Tests.Support;
using PortalGrains.Testing;

namespace PortalGrains.Grains.Tests.Applications;

/// <summary>
/// Applications stored before provider links existed (clients, journal and the rest in collections keyed by provider
/// id) load into links through the grain storage serializer and keep reconciling with the identity provider.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StoredApplicationMigrationTests(ClusterFixture fixture)
{
    private const string StateName = "application";

    [Fact]
    public async Task An_application_stored_before_provider_links_keeps_its_client_resolves_its_journal_and_is_written_as_links()
    {
        var providerId = await DevProvider.CreateAsync(fixture.Client);
        var owner = TestIds.Developer();
        var applicationId = TestIds.New("app");
        var application = fixture.Client.GetGrain<IApplicationGrain>(applicationId);
        await application.CreateAsync(new ApplicationDraft(owner.Id, "Stored app", null, []));
        var requestId = TestIds.New("request");
        var granted = await application.GrantAsync(new AccessGrant(requestId, providerId, DevProvider.MachineToMachine, [$"orders.read:{Guid.NewGuid():N}"]));
        Assert.True(granted.State == ProvisioningState.Active, $"{granted.State}: {granted.AdminDetail}");
        var client = Assert.Single(await application.GetCredentialsAsync(includeSecrets: true));
        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // As the previous build stored it: an update journaled at the provider and never settled (the silo stopped).
        var stored = await ReadAsync(application);
        var link = stored.State!.Links[providerId];
        var legacy = WithoutLinks(stored.State);
#pragma warning disable CS0618 // the legacy fields are what is being migrated
        legacy.Clients[providerId] = link.Client!;
        legacy.Journal[providerId] = new JournalEntry
        {
            OperationId = "lost-update", Kind = IdentityProviderOperationKind.Update, ProviderId = providerId, ClientId = client.ClientId, StartedAt = DateTimeOffset.UtcNow,
        };
        legacy.Name = "Stored by the previous build";
        stored.State = legacy;
        await Storage().WriteStateAsync(StateName, application.GetGrainId(), stored);

        // Loaded into a link: the client is there, and the journal entry leads to a read of the client (recovery).
        Assert.Equal("Stored by the previous build", (await application.GetAsync())!.Name);
        var loaded = Assert.Single(await application.GetCredentialsAsync(includeSecrets: true));
        Assert.Equal((client.ClientId, client.ClientSecret), (loaded.ClientId, loaded.ClientSecret));
        var written = await Eventually.ReturnsAsync(
            async () => (await ReadAsync(application)).State!, s => s.Links.TryGetValue(providerId, out var l) && l.Journal is null, TimeSpan.FromSeconds(15),
            "the unsettled update resolved and written");
        Assert.Equal(client.ClientId, written.Links[providerId].Client!.ClientId);
        Assert.Empty(written.Clients);
        Assert.Empty(written.Journal);
#pragma warning restore CS0618

        // And it keeps working with the identity provider: a revocation deletes the client there.
        var revoked = await application.RevokeGrantAsync(requestId);
        Assert.Equal(ProvisioningState.Removed, revoked.State);
        Assert.Empty(await DevIdentityProvider.Shared.ClientsOfApplicationAsync(applicationId));
        Assert.Empty(await application.GetCredentialsAsync(includeSecrets: false));
    }

    /// <summary>The state as JSON without the Links member, read back through the silo's grain storage serializer.</summary>
    private ApplicationState WithoutLinks(ApplicationState state)
    {
        var serializer = fixture.SiloServices.GetRequiredService<IGrainStorageSerializer>();
        state.Links = [];
        var json = Encoding.UTF8.GetString(serializer.Serialize(state).ToArray());
        // an empty dictionary: {"$id":"12"} with the serializer's reference handling
        var withoutLinks = Regex.Replace(json, ",?\"Links\":\\{[^{}]*\\}", "");
        Assert.DoesNotContain("\"Links\"", withoutLinks, StringComparison.Ordinal);
        return serializer.Deserialize<ApplicationState>(new BinaryData(Encoding.UTF8.GetBytes(withoutLinks)))!;
    }

    private async Task<GrainState<ApplicationState>> ReadAsync(IAddressable grain)
    {
        var state = new GrainState<ApplicationState>(new ApplicationState());
        await Storage().ReadStateAsync(StateName, grain.GetGrainId(), state);
        return state;
    }

    private IGrainStorage Storage() => fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
}
