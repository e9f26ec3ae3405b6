using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Applications;
using PortalGrains.Grains.Providers;

namespace PortalGrains.Grains.Tests.Providers;

/// <summary>
/// Grain state stored before the Entra ID fields existed loads with their defaults: a provider without an API
/// application id, replaced clients that are whole clients (not previous secrets).
/// </summary>
public sealed class StoredStateCompatibilityTests : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddMemoryGrainStorageAsDefault());
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
    public void A_provider_stored_before_the_api_application_id_existed_loads_without_one()
    {
        var state = new ProviderState { Exists = true, Name = "Keycloak", Kind = ProviderKind.Keycloak, ApiApplicationId = "6a1f4e0c-2b3d-4c5e-8f70-91a2b3c4d5e6" };

        var loaded = RoundTripWithout(state, nameof(ProviderState.ApiApplicationId), state.ApiApplicationId!);

        Assert.Null(loaded.ApiApplicationId);
        Assert.Equal("Keycloak", loaded.Name);
        Assert.Equal(ProviderKind.Keycloak, loaded.Kind);
    }

    [Fact]
    public void A_replaced_client_stored_before_secret_only_revocation_existed_is_a_whole_client()
    {
        var state = new ApplicationState();
        state.Links["p"] = new ProviderLink
        {
            Orphans = [new OrphanClient { ProviderId = "p", Client = new ObservedClient { ClientId = "c1" }, Reason = "replaced by a secret rotation", SecretOnly = true }],
        };

        var loaded = RoundTripWithout(state, nameof(OrphanClient.SecretOnly), "true");

        var orphan = Assert.Single(loaded.Links["p"].Orphans);
        Assert.False(orphan.SecretOnly);
        Assert.Equal("c1", orphan.Client.ClientId);
    }

    /// <summary>Serializes as the silo's grain storage does, drops the member from the stored text, and reads it back.</summary>
    private T RoundTripWithout<T>(T state, string member, string value)
    {
        var serializer = _cluster!.GetSiloServiceProvider().GetRequiredService<IGrainStorageSerializer>();
        var stored = Encoding.UTF8.GetString(serializer.Serialize(state).ToArray());
        var withoutMember = stored.Replace($"\"{member}\":\"{value}\",", "", StringComparison.Ordinal)
            .Replace($"\"{member}\":{value},", "", StringComparison.Ordinal)
            .Replace($",\"{member}\":\"{value}\"", "", StringComparison.Ordinal)
            .Replace($",\"{member}\":{value}", "", StringComparison.Ordinal);
        Assert.NotEqual(stored, withoutMember);
        return serializer.Deserialize<T>(new BinaryData(Encoding.UTF8.GetBytes(withoutMember)))!;
    }
}
