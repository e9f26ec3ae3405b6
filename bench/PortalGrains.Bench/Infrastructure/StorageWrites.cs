using System.Diagnostics;
using PortalGrains.Testing;

namespace PortalGrains.Bench.Infrastructure;

/// <summary>
/// The table writes of a measured phase, counted at the table endpoint by a <see cref="TableWriteProxy"/>: requests
/// (an entity group transaction is one) and the entity operations in them, in all and per grain type or table.
/// </summary>
public sealed record StorageWrites(int Requests, int Operations, IReadOnlyDictionary<string, (int Requests, int Operations)> BySubject)
{
    public static readonly StorageWrites None = new(0, 0, new Dictionary<string, (int, int)>());

    /// <summary>
    /// The writes after <paramref name="mark"/>, once none has arrived for <paramref name="quiet"/> (follow-ups of the
    /// last approvals, such as index updates after ACTIVE, belong to them), or after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<StorageWrites> SettledAsync(TableWriteProxy proxy, int mark, TimeSpan quiet, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        var count = proxy.Count;
        var since = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(since) < quiet && Stopwatch.GetElapsedTime(started) < timeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            if (proxy.Count != count)
            {
                count = proxy.Count;
                since = Stopwatch.GetTimestamp();
            }
        }

        var writes = proxy.WritesSince(mark);
        return new StorageWrites(
            writes.Count,
            writes.Sum(w => w.Operations),
            writes.GroupBy(w => w.Subject).ToDictionary(g => g.Key, g => (g.Count(), g.Sum(w => w.Operations))));
    }
}
