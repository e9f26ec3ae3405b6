using System.Globalization;
using PortalGrains.Operations.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PortalGrains.Operations.Tests.Scaling;

[Collection(LocalClusterCollection.Name)]
public sealed class ScaleOutAndInTests(LocalCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task Adding_a_silo_and_removing_one_under_load_fails_no_request_and_loses_no_approval()
    {
        var before = await cluster.RunningSilosAsync();
        await new ClusterLoadScenario(cluster, output).RunAsync("scale out and in",
        [
            ("cluster.sh add", () => cluster.RunAsync("add")),
            // The oldest silo leaves: the one that has held grains the longest.
            ($"cluster.sh remove {before[0]}", () => cluster.RunAsync("remove", before[0].ToString(CultureInfo.InvariantCulture))),
        ]);

        var after = await cluster.RunningSilosAsync();
        Assert.Equal(before.Count, after.Count);
        Assert.DoesNotContain(before[0], after);
    }
}
