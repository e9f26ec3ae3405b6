using System.Collections.Concurrent;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.IntegrationTests.Webhooks;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Reliability;

/// <summary>No webhook event is lost when a silo dies while its deliveries are on the wire.</summary>
public sealed class WebhookCrashTests
{
    private const int Applications = 8;

    [Fact]
    public async Task Events_in_flight_when_a_silo_is_killed_are_all_delivered_with_their_ids()
    {
        TestServers.RequireRedis();
        await using var cluster = new SiloCluster(TestServers.AzureTables);
        var silos = new[] { await cluster.StartSiloAsync(), await cluster.StartSiloAsync() };
        var idp = DevIdentityProvider.Shared;
        var portal = new PortalScenario(cluster.Client(silos[1]), idp, idp);
        var admin = await portal.AdminTokenAsync();

        // Until the kill, every delivery is held on the wire without an answer.
        var held = new ConcurrentDictionary<string, bool>();
        var killed = new TaskCompletionSource();
        await using var receiver = new WebhookReceiver
        {
            Answer = async (id, _) =>
            {
                if (killed.Task.IsCompleted)
                {
                    return 204;
                }

                held[id] = true;
                await killed.Task;
                return null;
            },
        };
        await WebhookAdmin.RegisterAsync(portal.GraphQL, admin, receiver, "APPLICATION_CREATED");
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "crash", "crash.read");
        var plan = await portal.CreatePlanAsync(admin, "basic", autoApprove: false, "plan.basic");
        var applications = new List<string>();
        for (var i = 0; i < Applications; i++)
        {
            var scenario = new PortalScenario(cluster.Client(silos[i % silos.Length]), idp, idp);
            var developer = await portal.DeveloperTokenAsync($"hook{i}");
            var (_, application) = await Eventually.ReturnsAsync(
                () => scenario.CheckoutAsync(developer, product, plan), _ => true, TimeSpan.FromSeconds(10), "a checkout");
            applications.Add(application);
        }

        await Eventually.AssertAsync(() => Task.FromResult(held.Count == Applications), TimeSpan.FromSeconds(30), "every event on the wire");
        var inFlight = held.Keys.ToHashSet();
        await silos[0].KillAsync();
        killed.SetResult();

        var delivered = await Eventually.ReturnsAsync(
            () => Task.FromResult(receiver.Received.Where(r => r.Answered == 204).ToList()),
            d => applications.All(a => d.Any(r => r.SubjectId == a)), TimeSpan.FromSeconds(120), "every event delivered after the kill");
        Assert.All(delivered, r => Assert.True(r.SignatureValid));
        // The deliveries after the kill are the events that were on the wire, with the same webhook-id.
        Assert.Equal(inFlight.Order(), delivered.Select(r => r.Id).Distinct().Where(inFlight.Contains).Order());
        Assert.Equal(applications.Order(), delivered.Select(r => r.SubjectId).Distinct().Order());
        await cluster.StopAllAsync();
    }
}
