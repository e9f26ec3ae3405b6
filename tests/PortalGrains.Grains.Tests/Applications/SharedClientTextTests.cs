using PortalGrains.Grains.Applications;
using PortalGrains.Grains.Common;
using PortalGrains.Grains.Tests.Support;

namespace PortalGrains.Grains.Tests.Applications;

/// <summary>
/// Activated applications hold one shared instance of the client text every client at an identity provider repeats
/// (extension fields, grant types, the issuer), whether it came from the identity provider's answer or from storage.
/// </summary>
public sealed class SharedClientTextTests : IAsyncLifetime
{
    private readonly WrappedStorageSilo<StateKeepingGrainStorage> _silo = new(inner => new StateKeepingGrainStorage(inner));

    private IClusterClient Client => _silo.Client;

    public Task InitializeAsync() => _silo.InitializeAsync();

    public Task DisposeAsync() => _silo.DisposeAsync();

    [Fact]
    public async Task Two_applications_hold_the_same_instances_of_their_clients_repeated_text_after_registration_and_after_reactivation()
    {
        var first = await ProvisionedApplication.CreateAsync(Client, "First shared app");
        var second = await ProvisionedApplication.CreateAsync(Client, "Second shared app");

        AssertShared(first, second);

        await Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.NotNull(await first.Application.GetAsync());
        Assert.NotNull(await second.Application.GetAsync());

        AssertShared(first, second);
        var link = Assert.Single(LinksOf(first));
        Assert.Same(SharedStrings.Process.Share(new string(first.ProviderId.AsSpan())), link.Key);
    }

    private void AssertShared(ProvisionedApplication first, ProvisionedApplication second)
    {
        var (a, b) = (ClientOf(first), ClientOf(second));
        Assert.NotSame(a, b);
        Assert.NotEmpty(a.Metadata.Extensions);
        foreach (var (key, value) in a.Metadata.Extensions)
        {
            var other = Assert.Single(b.Metadata.Extensions, e => e.Key == key);
            Assert.Same(key, other.Key);
            Assert.Same(value, other.Value);
        }

        Assert.Equal(["client_credentials"], a.Metadata.GrantTypes);
        Assert.Same(a.Metadata.GrantTypes[0], b.Metadata.GrantTypes[0]);
        Assert.Same(a.Metadata.TokenEndpointAuthMethod, b.Metadata.TokenEndpointAuthMethod);
        Assert.Same(a.Issuer, b.Issuer);
        Assert.Same(a.TokenEndpoint, b.TokenEndpoint);
        Assert.NotEqual(a.ClientId, b.ClientId);
    }

    private ObservedClient ClientOf(ProvisionedApplication application) => Assert.Single(LinksOf(application)).Value.Client!;

    private Dictionary<string, ProviderLink> LinksOf(ProvisionedApplication application) =>
        _silo.Storage.StateOf<ApplicationState>(application.Application.GetGrainId()).Links;
}
