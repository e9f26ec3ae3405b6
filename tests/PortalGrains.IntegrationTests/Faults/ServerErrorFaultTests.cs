using Xunit.Abstractions;

namespace PortalGrains.IntegrationTests.Faults;

[Collection(ResilientFaultsCollection.Name)]
public sealed class ServerErrorFaultTests(ResilientPortalHost host, ITestOutputHelper output)
{
    private const int Approvals = 10;

    [Fact]
    public async Task Thirty_percent_server_errors_on_every_idp_call_still_end_active_with_one_client_per_application()
    {
        await using var world = await FaultWorld.StartAsync(host.Portal, seed: 5);
        // Before the provider exists, so that its discovery is fetched through the errors too.
        var fault = world.Proxy.Add(new FaultRule("*", "*", FaultKind.ServerError)
        {
            Probability = 0.3,
            Statuses = [500, 502, 503, 504],
        });
        await world.CreateProviderAsync();
        var (product, plan) = await world.CreateCatalogueAsync();
        var developer = await world.Portal.DeveloperTokenAsync("dana");
        var requests = new List<(string RequestId, string ApplicationId)>();
        for (var i = 0; i < Approvals; i++)
        {
            requests.Add(await world.Portal.CheckoutAsync(developer, product, plan));
        }

        var approvals = await Task.WhenAll(requests.Select(r => world.Portal.ApproveAsync(world.Admin, r.RequestId)));
        output.WriteLine("statuses in the approvals' answers: " + string.Join(", ",
            approvals.GroupBy(a => a.GetProperty("status").GetString()).Select(g => $"{g.Key} x{g.Count()}")));

        foreach (var (requestId, _) in requests)
        {
            await world.WaitForStatusAsync(requestId, "ACTIVE", TimeSpan.FromSeconds(60));
        }

        var duplicates = 0;
        foreach (var (_, applicationId) in requests)
        {
            var atIdp = await world.IdpClientIdsAsync(applicationId);
            duplicates += Math.Max(0, atIdp.Count - 1);
            Assert.Equal(await world.PortalClientIdsAsync(developer, applicationId), atIdp);
        }

        var registrations = world.Proxy.Exchanges.Where(e => e is { Method: "POST", Path: "/reg" }).ToList();
        world.PrintProxyFigures(output);
        output.WriteLine($"faults injected: {fault.Hits}; registration POSTs {registrations.Count} for {Approvals} applications "
            + $"(retries {registrations.Count - Approvals}: Polly's on 503, the application's on 500/502/504); "
            + $"duplicates at the IdP: {duplicates}; final: {Approvals} ACTIVE");
        Assert.True(fault.Hits > 0, "no fault was injected");
        Assert.Equal(0, duplicates);
        // A registration the proxy answered itself never reached the IdP; each application's successful one did.
        Assert.Equal(Approvals, registrations.Count(e => e.Forwarded));
    }
}
