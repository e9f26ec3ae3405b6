using System.Diagnostics;
using PortalGrains.Testing;
using Xunit.Abstractions;

namespace PortalGrains.IntegrationTests.Faults;

[Collection(GiveUpFaultsCollection.Name)]
public sealed class CircuitBreakerFaultTests(GiveUpPortalHost host, ITestOutputHelper output)
{
    [Fact]
    public async Task Repeated_failures_open_the_circuit_so_approvals_fail_without_calling_the_idp_until_the_break_is_over()
    {
        await using var world = await FaultWorld.StartAsync(host.Portal, seed: 8);
        await world.CreateProviderAsync();
        var (product, plan) = await world.CreateCatalogueAsync();
        var developer = await world.Portal.DeveloperTokenAsync("tove");
        var requests = new List<(string RequestId, string ApplicationId)>();
        for (var i = 0; i < 3; i++)
        {
            requests.Add(await world.Portal.CheckoutAsync(developer, product, plan));
        }

        // Every registration answered 503: the first approval's attempts (one and its retries) reach the breaker's
        // minimum throughput, all failed, and open the provider's circuit.
        var unavailable = world.Proxy.Add(new FaultRule("POST", "/reg", FaultKind.ServerError) { Statuses = [503] });
        var first = await world.Portal.ApproveAsync(world.Admin, requests[0].RequestId);
        var opened = Stopwatch.StartNew();
        var openedAt = DateTimeOffset.UtcNow;
        var failedAttempts = unavailable.Hits;
        // The breaker counts the discovery fetch's success too: it may open before the last retry, which it then refuses.
        Assert.True(failedAttempts >= FaultHostSettings.GiveUpHostMinimumThroughput - 1, $"{failedAttempts} failed attempts");

        // Open: an approval is answered without a request reaching the IdP, and fails with the circuit as the reason.
        var callsBefore = world.Proxy.Exchanges.Count;
        var answering = Stopwatch.StartNew();
        var second = await world.Portal.ApproveAsync(world.Admin, requests[1].RequestId);
        answering.Stop();
        var secondFailed = await world.WaitForStatusAsync(requests[1].RequestId, "FAILED", TimeSpan.FromSeconds(20));
        var openFor = opened.Elapsed;
        Assert.True(openFor < FaultHostSettings.GiveUpHostBreakDuration,
            $"the check took {openFor}, longer than the break: the circuit may have closed meanwhile");
        Assert.Equal(callsBefore, world.Proxy.Exchanges.Count);
        Assert.Contains("circuit", secondFailed.GetProperty("failureReason").GetString()!, StringComparison.OrdinalIgnoreCase);

        // After the break, one trial call goes through; the IdP is fine again, the circuit closes, approvals succeed.
        world.Proxy.ClearRules();
        var active = await Eventually.ReturnsAsync(
            async () =>
            {
                if (await world.StatusAsync(requests[1].RequestId) == "FAILED")
                {
                    await world.RetryAsync(requests[1].RequestId);
                }

                return await world.StatusAsync(requests[1].RequestId);
            },
            status => status == "ACTIVE",
            TimeSpan.FromSeconds(45),
            "a retried approval succeeding once the circuit's break is over");
        var closedAfter = opened.Elapsed;
        // The circuit opened a little before the first approval was answered; a second's margin covers that.
        var callsWhileOpen = world.Proxy.Exchanges.Count(e => e.At > openedAt && e.At < openedAt + FaultHostSettings.GiveUpHostBreakDuration - TimeSpan.FromSeconds(1));
        var third = await world.Portal.ApproveAsync(world.Admin, requests[2].RequestId);
        if (await world.StatusAsync(requests[0].RequestId) == "FAILED")
        {
            await world.RetryAsync(requests[0].RequestId);
        }

        await world.WaitForStatusAsync(requests[0].RequestId, "ACTIVE", TimeSpan.FromSeconds(20));

        world.PrintProxyFigures(output);
        output.WriteLine($"failed attempts that opened the circuit: {failedAttempts} (first approval answered {first.GetProperty("status").GetString()}); "
            + $"approval while open answered {second.GetProperty("status").GetString()} in {answering.ElapsedMilliseconds} ms with no IdP call; "
            + $"its reason: {secondFailed.GetProperty("failureReason").GetString()}");
        output.WriteLine($"first success {closedAfter.TotalSeconds:0.0} s after the circuit opened (break {FaultHostSettings.GiveUpHostBreakDuration.TotalSeconds:0.0} s); "
            + $"next approval answered {third.GetProperty("status").GetString()}");
        Assert.Equal("ACTIVE", active);
        Assert.Equal(0, callsWhileOpen);
        Assert.True(closedAfter >= FaultHostSettings.GiveUpHostBreakDuration - TimeSpan.FromSeconds(1),
            $"succeeded {closedAfter} after the circuit opened, before its break of {FaultHostSettings.GiveUpHostBreakDuration} was over");
        Assert.Equal("ACTIVE", third.GetProperty("status").GetString());
        foreach (var (_, applicationId) in requests)
        {
            Assert.Equal(await world.PortalClientIdsAsync(developer, applicationId), await world.IdpClientIdsAsync(applicationId));
        }
    }
}
