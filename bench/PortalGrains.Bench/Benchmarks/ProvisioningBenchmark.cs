using System.Globalization;
using PortalGrains.Bench.Infrastructure;
using PortalGrains.Bench.Portal;

namespace PortalGrains.Bench.Benchmarks;

/// <summary>
/// N pending checkouts approved at once until all are ACTIVE (each approval registers a client at the dev IdP,
/// RFC 7591), against the IdP's own registration rate with N direct POSTs at the same concurrency, in the same run.
/// Each repetition gets a fresh portal (a fresh service id: empty indexes), storage on Azure Tables.
/// </summary>
public static class ProvisioningBenchmark
{
    private const int MaxDevelopers = 50;

    public static async Task<bool> RunAsync(BenchContext context)
    {
        var options = context.Options;
        var report = context.Report;
        report.Line($"## provisioning: N checkouts approved concurrently until ACTIVE ({options.Storage} storage), "
            + $"{options.ProvisioningConcurrency} in flight, vs direct RFC 7591 POSTs");
        var allOk = true;
        foreach (var n in options.Checkouts)
        {
            var rows = new List<(RunResult Portal, RunResult Idp)>();
            for (var r = 0; r < options.Repeat; r++)
            {
                // Alternate the order so that neither side always runs on a warmer (or more loaded) machine.
                RunResult portal, idp;
                if (r % 2 == 0)
                {
                    idp = await RegisterDirectlyAsync(context, n, r);
                    portal = await ApproveAsync(context, n);
                }
                else
                {
                    portal = await ApproveAsync(context, n);
                    idp = await RegisterDirectlyAsync(context, n, r);
                }

                rows.Add((portal, idp));
                report.Line(string.Create(CultureInfo.InvariantCulture,
                    $"N={n} repetition {r + 1}: portal {portal.PerSecond:F0} approvals/s (ACTIVE p50 {portal.P50:F0} ms, p99 {portal.P99:F0} ms, failed {portal.Failures}); "
                    + $"IdP {idp.PerSecond:F0} registrations/s (p50 {idp.P50:F0} ms, p99 {idp.P99:F0} ms, failed {idp.Failures}); ratio {portal.PerSecond / idp.PerSecond:P1}"));
            }

            var ratio = Percentiles.Median(rows.Select(x => x.Portal.PerSecond / x.Idp.PerSecond));
            var failures = rows.Sum(x => x.Portal.Failures + x.Idp.Failures);
            report.Line();
            report.Table(["N = " + n.ToString(CultureInfo.InvariantCulture) + " (medians)", "per s", "time to ACTIVE / registered p50 ms", "p99 ms", "failed"],
            [
                ["portal: approvals until ACTIVE", F(rows.Select(x => x.Portal.PerSecond)), F(rows.Select(x => x.Portal.P50)), F(rows.Select(x => x.Portal.P99)), I(rows.Sum(x => x.Portal.Failures))],
                ["IdP: direct registrations", F(rows.Select(x => x.Idp.PerSecond)), F(rows.Select(x => x.Idp.P50)), F(rows.Select(x => x.Idp.P99)), I(rows.Sum(x => x.Idp.Failures))],
            ]);
            report.Line($"approvals / registrations (N={n}): {BenchReport.Percent(ratio)} (target >= 50 %: {(ratio >= 0.5 ? "met" : "missed")})");
            report.Result("provisioning",
                ("n", n),
                ("portal_per_s", Percentiles.Median(rows.Select(x => x.Portal.PerSecond))),
                ("active_p50_ms", Percentiles.Median(rows.Select(x => x.Portal.P50))),
                ("active_p99_ms", Percentiles.Median(rows.Select(x => x.Portal.P99))),
                ("idp_per_s", Percentiles.Median(rows.Select(x => x.Idp.PerSecond))),
                ("ratio", ratio),
                ("failures", failures));
            report.Line();
            allOk &= failures == 0;
        }

        return allOk;
    }

    private static async Task<RunResult> RegisterDirectlyAsync(BenchContext context, int n, int repetition)
    {
        using var http = BenchContext.NewHttpClient(context.Options.ProvisioningConcurrency);
        var client = new PortalClient(http, new Uri("http://127.0.0.1/"), context.Servers.Idp);
        var prefix = $"bench-direct-{Guid.NewGuid():N}"[..24] + "-" + repetition.ToString(CultureInfo.InvariantCulture);
        var run = await ConcurrentRun.RunAsync(n, context.Options.ProvisioningConcurrency,
            i => client.RegisterDirectlyAsync($"{prefix}-{i}", "orders:read orders:gold"));
        return RunResult.From(run);
    }

    private static async Task<RunResult> ApproveAsync(BenchContext context, int n)
    {
        var concurrency = context.Options.ProvisioningConcurrency;
        await using var portal = await context.StartPortalAsync();
        using var http = BenchContext.NewHttpClient(concurrency);
        var client = context.Client(http, portal);
        var admin = await client.LoginTokenAsync("bench-admin", "portal:admin");
        var provider = await client.UpsertProviderAsync(admin, "bench-idp");
        var product = await client.UpsertProductAsync(admin, provider, "Orders", "orders:read", "Orders API");
        var plan = await client.UpsertPlanAsync(admin, "Gold", "orders:gold", autoApprove: false);
        var developers = await Task.WhenAll(Enumerable.Range(0, Math.Min(n, MaxDevelopers))
            .Select(d => client.LoginTokenAsync("bench-developer-" + d.ToString(CultureInfo.InvariantCulture))));

        // Set-up, not measured: N pending requests, each for a new application.
        var requests = new string[n];
        var checkouts = await ConcurrentRun.RunAsync(n, concurrency, async i =>
        {
            requests[i] = (await client.CheckoutAsync(developers[i % developers.Length], product, plan, "app " + i.ToString(CultureInfo.InvariantCulture))).RequestId;
            return true;
        });
        if (checkouts.Failures > 0)
        {
            throw new InvalidOperationException($"{checkouts.Failures} of {n} checkouts failed: {portal.Process.Output}");
        }

        var run = await ConcurrentRun.RunAsync(n, concurrency, async i =>
        {
            var (status, _) = await client.ApproveAsync(admin, requests[i]);
            if (status == "PROVISIONING")
            {
                (status, _) = await Waiting.UntilAsync(() => client.AccessRequestStatusAsync(admin, requests[i]),
                    s => s.Status != "PROVISIONING", TimeSpan.FromMinutes(10), "the access request leaving PROVISIONING",
                    TimeSpan.FromMilliseconds(200));
            }

            return status == "ACTIVE";
        });
        return RunResult.From(run);
    }

    private static string F(IEnumerable<double> values) => BenchReport.Format(Percentiles.Median(values));

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record RunResult(double PerSecond, double P50, double P99, int Failures)
    {
        public static RunResult From((double[] CompletedMs, TimeSpan Elapsed, int Failures) run)
        {
            var done = run.CompletedMs.Where(ms => !double.IsNaN(ms)).Order().ToArray();
            return new RunResult(done.Length / run.Elapsed.TotalSeconds, Percentiles.Of(done, 0.5), Percentiles.Of(done, 0.99), run.Failures);
        }
    }
}
