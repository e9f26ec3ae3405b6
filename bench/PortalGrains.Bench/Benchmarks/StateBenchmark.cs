using System.Diagnostics;
using System.Globalization;
using PortalGrains.Bench.Infrastructure;

namespace PortalGrains.Bench.Benchmarks;

/// <summary>
/// Scale of state: N applications with one ACTIVE request each, created through the real flow (checkout on an
/// auto-approving plan, registration at the dev IdP). Reports the silo's resident memory with all of them
/// activated, and after their idle deactivation. Bounded in time: creation stops after --state-minutes, and the
/// report then gives what was reached and the memory per application.
/// </summary>
public static class StateBenchmark
{
    private const int ApplicationsPerDeveloper = 500;
    private const double MiB = 1024 * 1024;

    public static async Task<bool> RunAsync(BenchContext context)
    {
        var options = context.Options;
        var report = context.Report;
        var n = options.Applications;
        report.Line($"## state: {n} applications with one ACTIVE request each ({options.Storage} storage), resident memory of the silo");
        await using var portal = await context.StartPortalAsync();
        await using var silo = await SiloManagement.ConnectAsync(portal.GatewayPort, portal.ServiceId);
        using var http = BenchContext.NewHttpClient(options.StateConcurrency);
        var client = context.Client(http, portal);

        var admin = await client.LoginTokenAsync("bench-admin", "portal:admin");
        var provider = await client.UpsertProviderAsync(admin, "bench-idp");
        var product = await client.UpsertProductAsync(admin, provider, "Orders", "orders:read", "Orders API");
        var plan = await client.UpsertPlanAsync(admin, "Free", "orders:free", autoApprove: true);
        var developers = await Task.WhenAll(Enumerable.Range(0, (n + ApplicationsPerDeveloper - 1) / ApplicationsPerDeveloper)
            .Select(d => client.LoginTokenAsync("bench-developer-" + d.ToString(CultureInfo.InvariantCulture))));
        var baseline = portal.Process.ResidentBytes();
        var baselineActivations = await silo.TotalActivationsAsync();
        var baselineHeap = await SnapshotAsync(context, portal, "baseline");

        var created = 0;
        var budget = Stopwatch.StartNew();
        var run = await ConcurrentRun.RunAsync(n, options.StateConcurrency, async i =>
        {
            if (budget.Elapsed > options.StateBudget)
            {
                return false;
            }

            await client.CheckoutAsync(developers[i / ApplicationsPerDeveloper], product, plan, "app " + i.ToString(CultureInfo.InvariantCulture));
            var done = Interlocked.Increment(ref created);
            if (done % 10_000 == 0)
            {
                report.Line(string.Create(CultureInfo.InvariantCulture,
                    $"  {done} applications after {budget.Elapsed.TotalSeconds:F0} s, RSS {portal.Process.ResidentBytes() / MiB:F0} MiB"));
            }

            return true;
        });
        var creation = run.Elapsed;
        var active = await Waiting.UntilAsync(() => client.AccessRequestCountAsync(admin, "ACTIVE"), count => count >= created,
            TimeSpan.FromMinutes(5), $"{created} access requests ACTIVE", TimeSpan.FromSeconds(1));

        var activations = await silo.ActivationsByTypeAsync();
        var activated = portal.Process.ResidentBytes();
        var activatedCount = await silo.TotalActivationsAsync();
        var activatedHeap = await SnapshotAsync(context, portal, "activated");

        // Idle deactivation: what the periodic collection does after CollectionAge, asked for now for grains idle 1 s.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await silo.CollectIdleAsync(TimeSpan.FromSeconds(1));
        var remaining = await Waiting.UntilAsync(silo.TotalActivationsAsync, count => count <= baselineActivations + 50,
            TimeSpan.FromMinutes(5), "idle activations collected", TimeSpan.FromSeconds(1));
        var afterCollection = portal.Process.ResidentBytes();
        // The collected grains' memory returns to the OS only after a garbage collection; light traffic (catalogue
        // reads) for a few seconds lets the runtime collect as it would in service.
        var developer = developers[0];
        var settle = Stopwatch.StartNew();
        while (settle.Elapsed < TimeSpan.FromSeconds(options.Quick ? 2 : 15))
        {
            await client.QueryAsync("{ products { id name } plans { id name } }", null, developer);
        }

        var settled = portal.Process.ResidentBytes();
        var settledHeap = await SnapshotAsync(context, portal, "collected");
        var perApplication = created == 0 ? double.NaN : (activated - baseline) / (double)created;
        report.Line();
        report.Table(["state", "value"],
        [
            ["applications created (one ACTIVE request each)", $"{created} of {n} in {creation.TotalSeconds:F0} s ({created / creation.TotalSeconds:F0}/s); ACTIVE: {active}"],
            ["activations: before / with all activated / after idle collection", $"{baselineActivations} / {activatedCount} / {remaining}"],
            ["application / access request / developer grains activated", $"{Count(activations, "ApplicationGrain")} / {Count(activations, "AccessRequestGrain")} / {Count(activations, "DeveloperGrain")}"],
            ["RSS before creating (MiB)", Mb(baseline)],
            ["RSS with all activated (MiB)", Mb(activated)],
            ["RSS right after idle collection (MiB)", Mb(afterCollection)],
            ["RSS after idle collection and some traffic (MiB)", Mb(settled)],
            ["RSS per activated application (KiB)", (perApplication / 1024).ToString("F1", CultureInfo.InvariantCulture)],
            ["RSS projected for 100,000 activated applications (MiB)", Mb(baseline + (perApplication * 100_000))],
        ]);
        if (baselineHeap is not null && activatedHeap is not null && settledHeap is not null)
        {
            ReportHeaps(report, created, baselineHeap, activatedHeap, settledHeap);
        }

        var projected = baseline + (perApplication * 100_000);
        report.Line($"target <= 1024 MiB activated for 100,000: {(projected <= 1024 * MiB ? "met" : "missed")}"
            + (created < 100_000 ? $" (projected from {created})" : ""));
        (string, object)[] heap = baselineHeap is not null && activatedHeap is not null && settledHeap is not null && created > 0
            ? [("heap_kib_per_app", (activatedHeap.TotalBytes - baselineHeap.TotalBytes) / (double)created / 1024),
                ("heap_collected_mib", settledHeap.TotalBytes / MiB)]
            : [];
        report.Result("state",
        [
            ("apps", created),
            ("rss_baseline_mib", baseline / MiB),
            ("rss_activated_mib", activated / MiB),
            ("rss_after_collection_mib", afterCollection / MiB),
            ("rss_settled_mib", settled / MiB),
            ("kib_per_app", perApplication / 1024),
            ("projected_100k_mib", projected / MiB),
            ("activations", activatedCount),
            ("activations_after_collection", remaining),
            ("creation_per_s", created / creation.TotalSeconds),
            .. heap,
        ]);
        report.Line();
        return created == n && active >= created;
    }

    private static async Task<HeapSnapshot?> SnapshotAsync(BenchContext context, PortalProcess portal, string name)
    {
        if (context.Options.GcDumpDirectory is not { } directory)
        {
            return null;
        }

        var snapshot = await HeapSnapshot.CollectAsync(portal.Process.Id,
            Path.Combine(directory, $"state-{portal.ServiceId}-{name}.gcdump"));
        context.Report.Line(string.Create(CultureInfo.InvariantCulture,
            $"  heap snapshot {name}: {snapshot.TotalBytes / MiB:F1} MiB in {snapshot.Objects} objects, RSS after it {portal.Process.ResidentBytes() / MiB:F0} MiB ({snapshot.File})"));
        return snapshot;
    }

    private static void ReportHeaps(BenchReport report, int created, HeapSnapshot baseline, HeapSnapshot activated, HeapSnapshot collected)
    {
        string PerApplication(long bytes) => created == 0 ? "n/a" : (bytes / (double)created).ToString("F0", CultureInfo.InvariantCulture);
        report.Table(["live managed heap (dotnet-gcdump)", "MiB", "bytes per application over the baseline"],
        [
            ["before creating", Mb(baseline.TotalBytes), ""],
            ["with all activated", Mb(activated.TotalBytes), PerApplication(activated.TotalBytes - baseline.TotalBytes)],
            ["after idle collection and some traffic", Mb(collected.TotalBytes), PerApplication(collected.TotalBytes - baseline.TotalBytes)],
        ]);
        foreach (var (name, snapshot) in new[] { ("with all activated", activated), ("after idle collection", collected) })
        {
            var before = baseline.Types.ToDictionary(t => t.Type, t => t.Bytes);
            report.Table([$"largest types {name} (own size)", "MiB", "objects", "bytes per application over the baseline"],
                snapshot.Types.Take(25).Select(t => (IReadOnlyList<string>)[
                    t.Type.Length > 110 ? t.Type[..110] + "…" : t.Type,
                    (t.Bytes / MiB).ToString("F2", CultureInfo.InvariantCulture),
                    t.Count.ToString(CultureInfo.InvariantCulture),
                    PerApplication(t.Bytes - before.GetValueOrDefault(t.Type)),
                ]));
        }
    }

    private static int Count(IReadOnlyDictionary<string, int> activations, string type) =>
        activations.Where(a => a.Key.Contains(type, StringComparison.Ordinal)).Sum(a => a.Value);

    private static string Mb(double bytes) => (bytes / MiB).ToString("F0", CultureInfo.InvariantCulture);
}
