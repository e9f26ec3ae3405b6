using System.Diagnostics;
using System.Globalization;
using PortalGrains.Bench;
using PortalGrains.Bench.Benchmarks;
using PortalGrains.Bench.Infrastructure;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (options.Command == "serve-bare")
{
    return await BareEndpoint.ServeAsync(options.AnswerFile!);
}

var report = new BenchReport(Console.Out);
report.Line(string.Create(CultureInfo.InvariantCulture,
    $"# PortalGrains.Bench {string.Join(' ', args)} — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
await using var servers = await BenchServers.StartAsync(options, Console.Out);
var context = new BenchContext(options, servers, report);
var benchmarks = new Dictionary<string, Func<BenchContext, Task<bool>>>
{
    ["catalog"] = CatalogBenchmark.RunAsync,
    ["verify-token"] = VerifyTokenBenchmark.RunAsync,
    ["provisioning"] = ProvisioningBenchmark.RunAsync,
    ["state"] = StateBenchmark.RunAsync,
    ["cold-start"] = ColdStartBenchmark.RunAsync,
};
var ok = true;
foreach (var (name, run) in benchmarks.Where(b => options.Command == "all" || options.Command == b.Key))
{
    var started = Stopwatch.StartNew();
    try
    {
        ok &= await run(context);
    }
    catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
    {
        report.Line($"{name} failed: {e.Message}");
        ok = false;
    }

    report.Line(string.Create(CultureInfo.InvariantCulture, $"({name} took {started.Elapsed.TotalSeconds:F0} s; load average {LoadAverage()})"));
    report.Line();
}

return ok ? 0 : 1;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
