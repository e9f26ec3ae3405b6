using System.Globalization;
using PortalGrains.Bench.Infrastructure;
using PortalGrains.Bench.Portal;
using PortalGrains.Testing;

namespace PortalGrains.Bench.Benchmarks;

/// <summary>
/// N pending checkouts approved at once until all are ACTIVE (each approval registers a client at the dev IdP,
/// RFC 7591), against the IdP's own registration rate with N direct POSTs at the same concurrency, in the same run.
/// Each repetition gets a fresh portal (a fresh service id: empty indexes), storage on Azure Tables behind a
/// <see cref="TableWriteProxy"/> that counts the storage writes from the first approval until all are ACTIVE and the
/// writes that follow them have stopped (bench-side only, so it counts an older host build given with --host too).
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
        var counting = CountsWrites(options);
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
            var counted = counting ? rows.Select(x => x.Portal.Writes).ToList() : [];
            var writesPerApproval = counting ? Percentiles.Median(counted.Select(w => w.Requests / (double)n)) : double.NaN;
            var operationsPerApproval = counting ? Percentiles.Median(counted.Select(w => w.Operations / (double)n)) : double.NaN;
            report.Line();
            report.Table(["N = " + n.ToString(CultureInfo.InvariantCulture) + " (medians)", "per s", "time to ACTIVE / registered p50 ms", "p99 ms", "failed", "writes per approval"],
            [
                ["portal: approvals until ACTIVE", F(rows.Select(x => x.Portal.PerSecond)), F(rows.Select(x => x.Portal.P50)), F(rows.Select(x => x.Portal.P99)), I(rows.Sum(x => x.Portal.Failures)), BenchReport.Format(writesPerApproval)],
                ["IdP: direct registrations", F(rows.Select(x => x.Idp.PerSecond)), F(rows.Select(x => x.Idp.P50)), F(rows.Select(x => x.Idp.P99)), I(rows.Sum(x => x.Idp.Failures)), "-"],
            ]);
            if (counting)
            {
                ReportWrites(report, n, counted);
            }

            report.Line($"approvals / registrations (N={n}): {BenchReport.Percent(ratio)} (target >= 50 %: {(ratio >= 0.5 ? "met" : "missed")})");
            report.Result("provisioning",
                ("n", n),
                ("portal_per_s", Percentiles.Median(rows.Select(x => x.Portal.PerSecond))),
                ("active_p50_ms", Percentiles.Median(rows.Select(x => x.Portal.P50))),
                ("active_p99_ms", Percentiles.Median(rows.Select(x => x.Portal.P99))),
                ("idp_per_s", Percentiles.Median(rows.Select(x => x.Idp.PerSecond))),
                ("ratio", ratio),
                ("writes_per_approval", writesPerApproval),
                ("write_operations_per_approval", operationsPerApproval),
                ("failures", failures));
            report.Line();
            allOk &= failures == 0;
        }

        return allOk;
    }

    /// <summary>Writes are counted at the table endpoint, so only with Azure Table storage.</summary>
    private static bool CountsWrites(BenchOptions options) => options.Storage.Equals("AzureTables", StringComparison.OrdinalIgnoreCase);

    private static void ReportWrites(BenchReport report, int n, IReadOnlyList<StorageWrites> counted)
    {
        var subjects = counted.SelectMany(w => w.BySubject.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        double PerApproval(StorageWrites w, string subject, bool operations) =>
            (w.BySubject.TryGetValue(subject, out var c) ? (operations ? c.Operations : c.Requests) : 0) / (double)n;
        report.Table(["storage writes per approval (N = " + n.ToString(CultureInfo.InvariantCulture) + ", medians), by grain type or table", "requests", "entity operations"],
            subjects.Select(subject => (IReadOnlyList<string>)
            [
                subject,
                F(counted.Select(w => PerApproval(w, subject, operations: false))),
                F(counted.Select(w => PerApproval(w, subject, operations: true))),
            ]).Append(["all", F(counted.Select(w => w.Requests / (double)n)), F(counted.Select(w => w.Operations / (double)n))]));
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
        await using var proxy = CountsWrites(context.Options) ? TableWriteProxy.Start(context.Servers.AzureTables) : null;
        await using var portal = await context.StartPortalAsync(azureTables: proxy?.ConnectionString);
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

        var mark = proxy?.Count ?? 0;
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
        var writes = proxy is null
            ? StorageWrites.None
            : await StorageWrites.SettledAsync(proxy, mark, quiet: TimeSpan.FromSeconds(2), timeout: TimeSpan.FromSeconds(60));
        return RunResult.From(run) with { Writes = writes };
    }

    private static string F(IEnumerable<double> values) => BenchReport.Format(Percentiles.Median(values));

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record RunResult(double PerSecond, double P50, double P99, int Failures)
    {
        public StorageWrites Writes { get; init; } = StorageWrites.None;

        public static RunResult From((double[] CompletedMs, TimeSpan Elapsed, int Failures) run)
        {
            var done = run.CompletedMs.Where(ms => !double.IsNaN(ms)).Order().ToArray();
            return new RunResult(done.Length / run.Elapsed.TotalSeconds, Percentiles.Of(done, 0.5), Percentiles.Of(done, 0.99), run.Failures);
        }
    }
}
