using PortalGrains.Grains.Tests.Support;
using PortalGrains.Testing;

namespace PortalGrains.Grains.Tests.Applications;

/// <summary>
/// Idle applications are collected after a short age, also while identity provider work is due within their local
/// timer's horizon: the timer goes with the activation, and the pending index wakes the application when the work is due.
/// </summary>
public sealed class CollectedApplicationTests(CollectingCluster cluster) : IClassFixture<CollectingCluster>
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task A_replaced_client_is_deleted_when_its_grace_period_ends_although_the_application_was_collected_before()
    {
        var (application, owner, providerId, _) = await ProvisionedApplication.CreateAsync(cluster.Client, "Collected app");
        var idp = DevIdentityProvider.Shared;
        var applicationId = application.GetPrimaryKeyString();

        var rotated = await application.RotateSecretAsync(providerId, GracePeriod, owner);
        Assert.True(rotated.Succeeded, string.Join("; ", rotated.Errors.Select(e => e.Message)));
        await cluster.CollectIdleAsync();

        // Collected while the old client is still in its grace period: only the pending index can bring it back.
        Assert.Equal(0, await cluster.ActivationsAsync("ApplicationGrain"));
        Assert.Equal(2, (await idp.ClientsOfApplicationAsync(applicationId)).Count);
        await Eventually.ReturnsAsync(() => idp.ClientsOfApplicationAsync(applicationId), clients => clients.Count == 1,
            TimeSpan.FromSeconds(45), "the replaced client deleted after its grace period");
        Assert.Equal(1, await cluster.ActivationsAsync("ApplicationGrain"));
    }
}
