using System.Diagnostics;
using System.Net.Http.Headers;

namespace PortalGrains.Bench.Infrastructure;

/// <summary>Closed-loop load: C workers, each sending the next request when the previous one answered.</summary>
public static class LoadGenerator
{
    /// <summary>
    /// Warms up, then measures for <paramref name="duration"/>. An answer counts as a failure unless its status is a
    /// success and its body contains <paramref name="expected"/>.
    /// </summary>
    public static async Task<LoadResult> RunAsync(
        string target, HttpClient http, Uri url, byte[] body, string bearer, byte[] expected, int connections, TimeSpan warmup, TimeSpan duration)
    {
        await RunWorkersAsync(http, url, body, bearer, expected, connections, warmup, record: false);
        var started = Stopwatch.GetTimestamp();
        var workers = await RunWorkersAsync(http, url, body, bearer, expected, connections, duration, record: true);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var latencies = workers.SelectMany(w => w.Latencies).ToArray();
        Array.Sort(latencies);
        return new LoadResult(
            target,
            latencies.Length,
            workers.Sum(w => w.Failures),
            elapsed,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99));
    }

    private static async Task<Worker[]> RunWorkersAsync(
        HttpClient http, Uri url, byte[] body, string bearer, byte[] expected, int connections, TimeSpan duration, bool record)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, connections).Select(_ => new Worker()).ToArray();
        await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(http, url, body, bearer, expected, deadline, record))));
        return workers;
    }

    private static double Percentile(long[] sortedTicks, double quantile)
    {
        if (sortedTicks.Length == 0)
        {
            return double.NaN;
        }

        var index = Math.Min(sortedTicks.Length - 1, (int)Math.Ceiling(quantile * sortedTicks.Length) - 1);
        return sortedTicks[Math.Max(0, index)] * 1000.0 / Stopwatch.Frequency;
    }

    private sealed class Worker
    {
        public List<long> Latencies { get; } = new(capacity: 100_000);

        public long Failures { get; private set; }

        public async Task RunAsync(HttpClient http, Uri url, byte[] body, string bearer, byte[] expected, long deadline, bool record)
        {
            var authorization = new AuthenticationHeaderValue("Bearer", bearer);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = authorization;
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    var answer = await response.Content.ReadAsByteArrayAsync();
                    // A wrong answer (another verdict, a GraphQL error) counts as a failure, however fast it came.
                    var ok = response.IsSuccessStatusCode && answer.AsSpan().IndexOf(expected) >= 0;
                    if (!record)
                    {
                        continue;
                    }

                    Latencies.Add(Stopwatch.GetTimestamp() - sent);
                    if (!ok)
                    {
                        Failures++;
                    }
                }
                catch (HttpRequestException)
                {
                    if (record)
                    {
                        Failures++;
                    }
                }
            }
        }
    }
}
