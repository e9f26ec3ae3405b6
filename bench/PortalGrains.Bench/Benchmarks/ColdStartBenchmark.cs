using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PortalGrains.Bench.Infrastructure;
using PortalGrains.Bench.Portal;

namespace PortalGrains.Bench.Benchmarks;

/// <summary>
/// From process start to /healthz 200, and to the first answered catalogue query (a developer's token: the login
/// IdP's metadata is fetched then); the bare endpoint's process start to its first answer as the runtime's floor.
/// </summary>
public static class ColdStartBenchmark
{
    public static async Task<bool> RunAsync(BenchContext context)
    {
        var report = context.Report;
        report.Line($"## cold-start: process start to /healthz 200 and to the first answered catalogue query ({context.Options.Storage} storage)");
        using var http = BenchContext.NewHttpClient(4);
        var idp = new PortalClient(http, new Uri("http://127.0.0.1/"), context.Servers.Idp);
        var developer = await idp.LoginTokenAsync("bench-developer");
        var body = JsonSerializer.SerializeToUtf8Bytes(new { query = CatalogBenchmark.HomePageQuery });
        var runs = new List<(double Healthy, double FirstQuery, double Bare)>();
        for (var r = 0; r < context.Options.Repeat; r++)
        {
            double healthy, firstQuery;
            await using (var portal = PortalProcess.Start(context.Options, context.Servers))
            {
                healthy = (await portal.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(10))).TotalMilliseconds;
                var client = new PortalClient(http, portal.GraphQLUrl, context.Servers.Idp);
                await Waiting.UntilAsync(async () => (await client.PostOnceAsync(body, developer)).AsSpan().IndexOf("\"products\""u8) >= 0,
                    answered => answered, TimeSpan.FromSeconds(60), "the first catalogue query answered", TimeSpan.FromMilliseconds(10));
                firstQuery = Stopwatch.GetElapsedTime(portal.Process.StartedAt).TotalMilliseconds;
            }

            var bareStarted = Stopwatch.GetTimestamp();
            double bare;
            await using (var endpoint = await BareEndpointProcess.StartAsync("{}"u8.ToArray()))
            {
                var client = new PortalClient(http, endpoint.GraphQLUrl, context.Servers.Idp);
                await client.PostOnceAsync(body, developer);
                bare = Stopwatch.GetElapsedTime(bareStarted).TotalMilliseconds;
            }

            runs.Add((healthy, firstQuery, bare));
            report.Line(string.Create(CultureInfo.InvariantCulture,
                $"repetition {r + 1}: /healthz 200 after {healthy:F0} ms, first catalogue answer after {firstQuery:F0} ms; bare endpoint's first answer after {bare:F0} ms"));
        }

        report.Line();
        report.Table(["cold start (median)", "ms"],
        [
            ["portal: process start to /healthz 200", BenchReport.Format(Percentiles.Median(runs.Select(x => x.Healthy)))],
            ["portal: process start to the first answered catalogue query", BenchReport.Format(Percentiles.Median(runs.Select(x => x.FirstQuery)))],
            ["bare ASP.NET Core: process start to the first answer", BenchReport.Format(Percentiles.Median(runs.Select(x => x.Bare)))],
        ]);
        report.Result("cold-start",
            ("healthz_ms", Percentiles.Median(runs.Select(x => x.Healthy))),
            ("first_query_ms", Percentiles.Median(runs.Select(x => x.FirstQuery))),
            ("bare_first_answer_ms", Percentiles.Median(runs.Select(x => x.Bare))));
        report.Line();
        return true;
    }
}
