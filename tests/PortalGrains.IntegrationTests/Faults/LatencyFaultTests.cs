using Xunit.Abstractions;

namespace PortalGrains.IntegrationTests.Faults;

[Collection(ResilientFaultsCollection.Name)]
public sealed class LatencyFaultTests(ResilientPortalHost host, ITestOutputHelper output)
{
    private const int Approvals = 10;

    [Fact]
    public async Task Registrations_answered_later_than_the_attempt_timeout_end_active_without_duplicates()
    {
        await using var world = await FaultWorld.StartAsync(host.Portal, seed: 2);
        await world.CreateProviderAsync();
        var (product, plan) = await world.CreateCatalogueAsync();
        // Longer than one attempt may take, well within the whole call's budget: the IdP creates the client and
        // answers late.
        var spike = FaultHostSettings.AttemptTimeout * 2.5;
        Assert.True(spike < FaultHostSettings.TotalTimeout);
        var fault = world.Proxy.Add(new FaultRule("POST", "/reg", FaultKind.DelayResponse) { Probability = 0.4, Delay = spike });
        var developer = await world.Portal.DeveloperTokenAsync("lena");
        var requests = new List<(string RequestId, string ApplicationId)>();
        for (var i = 0; i < Approvals; i++)
        {
            requests.Add(await world.Portal.CheckoutAsync(developer, product, plan));
        }

        await Task.WhenAll(requests.Select(r => world.Portal.ApproveAsync(world.Admin, r.RequestId)));
        foreach (var (requestId, _) in requests)
        {
            await world.WaitForStatusAsync(requestId, "ACTIVE", TimeSpan.FromSeconds(60));
        }

        var duplicates = 0;
        var uncertain = 0;
        foreach (var (_, applicationId) in requests)
        {
            var atIdp = await world.IdpClientIdsAsync(applicationId);
            var portal = await world.PortalClientIdsAsync(developer, applicationId);
            Assert.Single(portal);
            Assert.Contains(portal[0], atIdp);
            duplicates += atIdp.Count - 1;
            uncertain += (await world.OperationsAsync(applicationId)).Count(o => o.GetProperty("outcome").GetString() == "uncertain");
        }

        world.PrintProxyFigures(output);
        output.WriteLine($"registrations held {spike.TotalSeconds:0.0} s (attempt timeout {FaultHostSettings.AttemptTimeout.TotalSeconds:0.0} s, "
            + $"total {FaultHostSettings.TotalTimeout.TotalSeconds:0.0} s): {fault.Hits}; uncertain registrations {uncertain}; "
            + $"duplicate clients at the IdP: {duplicates}; final: {Approvals} ACTIVE");
        Assert.True(fault.Hits > 0, "no registration was held");
        Assert.Equal(0, uncertain);
        Assert.Equal(0, duplicates);
    }
}
