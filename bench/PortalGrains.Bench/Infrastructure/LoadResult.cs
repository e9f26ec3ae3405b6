namespace PortalGrains.Bench.Infrastructure;

/// <summary>What one measured run produced.</summary>
public sealed record LoadResult(string Target, long Requests, long Failures, TimeSpan Elapsed, double P50Milliseconds, double P99Milliseconds)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}
