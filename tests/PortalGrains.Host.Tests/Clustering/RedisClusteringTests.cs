using PortalGrains.Abstractions.Diagnostics;
using PortalGrains.Host.Tests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.Host.Tests.Clustering;

public sealed class RedisClusteringTests
{
    [Fact]
    public async Task Two_silos_clustered_through_redis_route_a_grain_call_from_one_to_the_other()
    {
        TestServers.RequireRedis();
        var clusterId = "redis-" + Guid.NewGuid().ToString("N");
        await using var first = await InProcessSilo.StartAsync(Configuration(clusterId));
        await using var second = await InProcessSilo.StartAsync(Configuration(clusterId));
        Assert.NotEqual(first.SiloAddress, second.SiloAddress);

        // The probe grain prefers the caller's silo: activate it from the second silo, then call it from the first.
        var key = Guid.NewGuid().ToString("N");
        var activatedOn = await second.Grains.GetGrain<IHealthProbeGrain>(key).ProbeAsync();
        Assert.Equal(second.SiloAddress, activatedOn.SiloAddress);

        var answeredBy = await Eventually.ReturnsAsync(
            () => first.Grains.GetGrain<IHealthProbeGrain>(key).ProbeAsync(),
            result => result.SiloAddress == second.SiloAddress,
            TimeSpan.FromSeconds(30),
            "a call from the first silo reaching the activation on the second");
        Assert.Equal(second.SiloAddress, answeredBy.SiloAddress);
    }

    private static Dictionary<string, string?> Configuration(string clusterId) => new()
    {
        ["Orleans:Clustering"] = "Redis",
        ["Orleans:Storage"] = "Redis",
        ["Orleans:ClusterId"] = clusterId,
        ["Orleans:ServiceId"] = clusterId,
        ["Orleans:SiloPort"] = FreePort.Next().ToString(),
        ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
        ["ConnectionStrings:Redis"] = TestServers.Redis,
    };
}
