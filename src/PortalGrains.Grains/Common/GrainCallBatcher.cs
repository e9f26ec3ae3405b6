using System.Collections.Immutable;

namespace PortalGrains.Grains.Common;

/// <summary>
/// Sends the changes bound for one grain in as few calls as possible without holding any back: a change goes at once
/// when no call to its grain is in flight from this silo; otherwise it waits for that call and goes with every change
/// that queued meanwhile (at most <see cref="MaxBatch"/> per call). The grain stores a batch with one write, so under
/// load its writes per change fall with the queue, and a lone change costs what a single call did.
/// </summary>
/// <remarks>
/// Each sender's task completes with the outcome of the call its change went in: when that call fails, every change
/// in it fails with the same exception. Calls leave from the thread pool, never from the calling grain's scheduler, so
/// a batch does not depend on any one of its callers' activations.
/// </remarks>
public sealed class GrainCallBatcher<TChange>(Func<string, ImmutableArray<TChange>, Task> send)
{
    public const int MaxBatch = 100;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    /// <summary>Sends <paramref name="change"/> to the grain <paramref name="key"/>; completes when the call that took it does.</summary>
    public Task SendAsync(string key, TChange change)
    {
        var lane = _lanes.GetOrAdd(key, static _ => new Lane());
        var queued = new Queued(change);
        bool start;
        lock (lane)
        {
            lane.Queue.Add(queued);
            start = !lane.Sending;
            lane.Sending = true;
        }

        if (start)
        {
            _ = Task.Run(() => PumpAsync(key, lane));
        }

        return queued.Done.Task;
    }

    private async Task PumpAsync(string key, Lane lane)
    {
        while (true)
        {
            List<Queued> batch;
            lock (lane)
            {
                if (lane.Queue.Count == 0)
                {
                    lane.Sending = false;
                    return;
                }

                var take = Math.Min(lane.Queue.Count, MaxBatch);
                batch = lane.Queue.GetRange(0, take);
                lane.Queue.RemoveRange(0, take);
            }

            try
            {
                await send(key, [.. batch.Select(q => q.Change)]);
                batch.ForEach(q => q.Done.TrySetResult());
            }
            catch (Exception e)
            {
                batch.ForEach(q => q.Done.TrySetException(e));
            }
        }
    }

    private sealed class Lane
    {
        public List<Queued> Queue { get; } = [];

        public bool Sending { get; set; }
    }

    private sealed record Queued(TChange Change)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
