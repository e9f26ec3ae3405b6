using System.Diagnostics;

namespace PortalGrains.Bench.Infrastructure;

/// <summary>N operations by C workers; records when each finished, counted from the start of the run.</summary>
public static class ConcurrentRun
{
    /// <summary>Runs <paramref name="operation"/> for 0..count-1; returns each one's completion time in ms (NaN when it failed) and the total.</summary>
    public static async Task<(double[] CompletedMs, TimeSpan Elapsed, int Failures)> RunAsync(
        int count, int concurrency, Func<int, Task<bool>> operation)
    {
        var completed = new double[count];
        var next = -1;
        var failures = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, count)).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                bool ok;
                try
                {
                    ok = await operation(i);
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException or TaskCanceledException)
                {
                    ok = false;
                }

                completed[i] = ok ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : double.NaN;
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        return (completed, Stopwatch.GetElapsedTime(started), failures);
    }
}
