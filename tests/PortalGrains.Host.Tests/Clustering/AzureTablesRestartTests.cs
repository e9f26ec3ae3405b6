using PortalGrains.Abstractions.Diagnostics;
using PortalGrains.Host.Tests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.Host.Tests.Clustering;

public sealed class AzureTablesRestartTests
{
    [Fact]
    public async Task Grain_state_written_before_a_silo_restart_is_read_back_from_azure_tables_after_it()
    {
        TestServers.RequireAzurite();
        var serviceId = "restart-" + Guid.NewGuid().ToString("N");
        var key = Guid.NewGuid().ToString("N");
        var marker = "marker-" + Guid.NewGuid().ToString("N");

        await using (var before = await InProcessSilo.StartAsync(Configuration(serviceId)))
        {
            var written = await before.Grains.GetGrain<IHealthProbeGrain>(key).RecordAsync(marker);
            Assert.Equal(marker, written.Marker);
        }

        await using var after = await InProcessSilo.StartAsync(Configuration(serviceId));
        var read = await after.Grains.GetGrain<IHealthProbeGrain>(key).ProbeAsync();
        Assert.Equal(marker, read.Marker);
        Assert.NotNull(read.RecordedAt);
    }

    [Fact]
    public async Task A_silo_of_another_service_does_not_see_that_state()
    {
        TestServers.RequireAzurite();
        var key = Guid.NewGuid().ToString("N");
        await using (var first = await InProcessSilo.StartAsync(Configuration("svc-" + Guid.NewGuid().ToString("N"))))
        {
            await first.Grains.GetGrain<IHealthProbeGrain>(key).RecordAsync("only-mine");
        }

        await using var other = await InProcessSilo.StartAsync(Configuration("svc-" + Guid.NewGuid().ToString("N")));
        var read = await other.Grains.GetGrain<IHealthProbeGrain>(key).ProbeAsync();
        Assert.Null(read.Marker);
    }

    private static Dictionary<string, string?> Configuration(string serviceId) => new()
    {
        ["Orleans:Clustering"] = "Localhost",
        ["Orleans:Storage"] = "AzureTables",
        ["Orleans:ClusterId"] = serviceId,
        ["Orleans:ServiceId"] = serviceId,
        ["Orleans:SiloPort"] = FreePort.Next().ToString(),
        ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
        ["ConnectionStrings:AzureTables"] = TestServers.AzureTables,
    };
}
