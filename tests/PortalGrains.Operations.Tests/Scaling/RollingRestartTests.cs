using System.Globalization;
using PortalGrains.Operations.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PortalGrains.Operations.Tests.Scaling;

[Collection(LocalClusterCollection.Name)]
public sealed class RollingRestartTests(LocalCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task Restarting_every_silo_in_turn_under_load_fails_no_request_and_loses_no_approval()
    {
        var silos = await cluster.RunningSilosAsync();
        Assert.True(silos.Count >= 2, $"a rolling restart needs two silos or more; running: {string.Join(", ", silos)}");

        await new ClusterLoadScenario(cluster, output).RunAsync("rolling restart", [.. silos.Select(silo =>
            ($"cluster.sh restart {silo}", (Func<Task>)(() => cluster.RunAsync("restart", silo.ToString(CultureInfo.InvariantCulture)))))]);
    }
}
