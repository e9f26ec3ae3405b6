using PortalGrains.Operations.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PortalGrains.Operations.Tests.Scaling;

/// <summary>
/// Runs cluster operations under continuous mixed load through the balancer, then checks that no request failed
/// and that every approved access request ended ACTIVE; prints the counts.
/// </summary>
internal sealed class ClusterLoadScenario(LocalCluster cluster, ITestOutputHelper output)
{
    private const int Workers = 6;
    private const int RequestsBetweenSteps = 40;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    public async Task RunAsync(string name, IReadOnlyList<(string Description, Func<Task> Operation)> steps)
    {
        using var api = new PortalApi(cluster.BalancerAddress);
        var catalogue = await PortalCatalogue.CreateAsync(api, cluster.Idp);
        LoadReport report;
        await using (var load = await MixedLoad.StartAsync(api, catalogue, cluster.Idp, Workers))
        {
            await load.RunForAsync(RequestsBetweenSteps, StepTimeout);
            foreach (var (description, operation) in steps)
            {
                var before = load.Completed;
                var started = DateTime.UtcNow;
                await operation();
                output.WriteLine($"{description}: {(DateTime.UtcNow - started).TotalSeconds:F1} s, {load.Completed - before} requests meanwhile");
                await load.RunForAsync(RequestsBetweenSteps, StepTimeout);
            }

            report = await load.StopAsync();
        }

        var notActive = await ApprovalOutcomes.NotActiveAsync(api, catalogue.AdminToken, report.ApprovedRequestIds, SettleTimeout);
        var summary = $"{name}: {report}; approvals lost {notActive.Count} of {report.ApprovedRequestIds.Count}";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        output.WriteLine("balancer: " + await cluster.BalancerStatsAsync());
        output.WriteLine($"grain calls sent again after a stopping silo rejected them (so far in this cluster): {cluster.SiloLogLines("sending it again").Count}");
        foreach (var lost in notActive.Take(20))
        {
            output.WriteLine("  not ACTIVE: " + lost);
        }

        if (report.Failed > 0 || notActive.Count > 0)
        {
            output.WriteLine("cluster.sh output:\n" + cluster.Log);
            foreach (var line in cluster.SiloLogLines("fail:").Concat(cluster.SiloLogLines("Exception")).Take(40))
            {
                output.WriteLine("silo log: " + line);
            }
        }

        Assert.True(report.Sent > RequestsBetweenSteps * (steps.Count + 1), $"too little load to judge: {report}");
        Assert.True(report.ApprovedRequestIds.Count > 0, $"no approval went through: {report}");
        Assert.Equal(0, report.Failed);
        Assert.Empty(notActive);
    }
}
