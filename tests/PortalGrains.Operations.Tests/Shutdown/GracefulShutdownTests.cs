using System.Diagnostics;
using System.Net;
using PortalGrains.Operations.Tests.Infrastructure;
using PortalGrains.Testing;
using Xunit.Abstractions;

namespace PortalGrains.Operations.Tests.Shutdown;

public sealed class GracefulShutdownTests(ITestOutputHelper output)
{
    private const int DrainSeconds = 3;

    [Fact]
    public async Task On_SIGTERM_health_turns_503_while_requests_are_still_served_then_the_host_exits_cleanly()
    {
        TestServers.RequireAzurite();
        var environment = TestHostSettings.Base("drain-" + Guid.NewGuid().ToString("N")[..10]);
        environment["Portal__Shutdown__DrainSeconds"] = DrainSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var host = HostProcess.Start(environment);
        using (var probe = new HttpClient())
        {
            await host.WaitUntilHealthyAsync(probe, TimeSpan.FromSeconds(90));
        }

        using var api = new PortalApi(host.BaseAddress);

        var stopwatch = Stopwatch.StartNew();
        await host.SignalTerminateAsync();

        // Draining: the balancer's probe sees 503 at once, while the API keeps answering.
        await Eventually.ReturnsAsync(
            async () => (await api.GetAsync("/healthz")).StatusCode, status => status == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(DrainSeconds), "/healthz answering 503 after SIGTERM");
        var servedWhileDraining = 0;
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(DrainSeconds - 1))
        {
            var answer = await api.SendAsync("{ serverVersion }", null, null);
            Assert.Equal(200, answer.Status);
            answer.At("serverVersion");
            servedWhileDraining++;
        }

        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(DrainSeconds + 30));
        output.WriteLine($"served {servedWhileDraining} requests while draining; exited {exitCode} after {stopwatch.Elapsed.TotalSeconds:F1} s");
        Assert.True(servedWhileDraining > 0);
        Assert.Equal(0, exitCode);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(DrainSeconds), $"exited after {stopwatch.Elapsed}, before the drain period ended");
        Assert.Contains("Drain period over", host.StandardOutput, StringComparison.Ordinal);
    }
}
