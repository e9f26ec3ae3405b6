using System.Globalization;

namespace PortalGrains.Bench.Infrastructure;

/// <summary>
/// Runs targets one after the other, R times (so each repetition compares targets measured minutes apart at most),
/// and reports per target the median of requests/s, p50 and p99 over the repetitions, and the median of the
/// per-repetition ratios to the last target (the ceiling).
/// </summary>
public sealed class LoadComparison(BenchContext context, HttpClient http)
{
    public async Task<IReadOnlyList<IReadOnlyList<LoadResult>>> RunAsync(IReadOnlyList<LoadTarget> targets)
    {
        var options = context.Options;
        var repetitions = new List<IReadOnlyList<LoadResult>>();
        for (var r = 0; r < options.Repeat; r++)
        {
            var results = new List<LoadResult>();
            foreach (var target in targets)
            {
                results.Add(await LoadGenerator.RunAsync(target.Label, http, target.Url, target.Body, target.Bearer, target.Expected,
                    options.Connections, options.Warmup, options.Duration));
            }

            repetitions.Add(results);
            var ceiling = results[^1].RequestsPerSecond;
            context.Report.Line($"repetition {r + 1}: " + string.Join("; ", results.Select(x =>
                string.Create(CultureInfo.InvariantCulture, $"{x.Target} {x.RequestsPerSecond:F0}/s p50 {x.P50Milliseconds:F2} ms p99 {x.P99Milliseconds:F2} ms ({x.RequestsPerSecond / ceiling:P1}) failures {x.Failures}"))));
        }

        context.Report.Line();
        context.Report.Line(string.Create(CultureInfo.InvariantCulture,
            $"connections {options.Connections}, warm-up {options.Warmup.TotalSeconds} s, measured {options.Duration.TotalSeconds} s per target, {options.Repeat} repetition(s), medians:"));
        context.Report.Line();
        context.Report.Table(
            ["target", "requests/s", "p50 ms", "p99 ms", "ratio to the bare endpoint", "failures"],
            targets.Select((t, i) => (IReadOnlyList<string>)
            [
                t.Label,
                BenchReport.Format(Median(repetitions, i, x => x.RequestsPerSecond)),
                Median(repetitions, i, x => x.P50Milliseconds).ToString("F2", CultureInfo.InvariantCulture),
                Median(repetitions, i, x => x.P99Milliseconds).ToString("F2", CultureInfo.InvariantCulture),
                BenchReport.Percent(RatioToCeiling(repetitions, i)),
                repetitions.Sum(rep => rep[i].Failures).ToString(CultureInfo.InvariantCulture),
            ]));
        return repetitions;
    }

    public static double Median(IReadOnlyList<IReadOnlyList<LoadResult>> repetitions, int target, Func<LoadResult, double> value) =>
        Percentiles.Median(repetitions.Select(r => value(r[target])));

    /// <summary>The median over the repetitions of target / last target (requests/s), each ratio within one repetition.</summary>
    public static double RatioToCeiling(IReadOnlyList<IReadOnlyList<LoadResult>> repetitions, int target) =>
        Percentiles.Median(repetitions.Select(r => r[target].RequestsPerSecond / r[^1].RequestsPerSecond));
}
