using System.Collections.Concurrent;
using System.Collections.Immutable;
using PortalGrains.Grains.Common;

namespace PortalGrains.Grains.Tests.Common;

public sealed class GrainCallBatcherTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_lone_change_goes_at_once_in_a_call_of_its_own()
    {
        var grain = new GatedGrain(open: true);
        var batcher = new GrainCallBatcher<int>(grain.ApplyAsync);

        await batcher.SendAsync("a", 1).WaitAsync(Deadline);

        Assert.Equal([("a", [1])], grain.Calls.Select(c => (c.Key, c.Changes.ToArray())));
    }

    [Fact]
    public async Task Changes_sent_while_a_call_is_in_flight_go_together_in_their_order_once_it_is_done()
    {
        var grain = new GatedGrain(open: false);
        var batcher = new GrainCallBatcher<int>(grain.ApplyAsync);

        var first = batcher.SendAsync("a", 1);
        await grain.Started(1).WaitAsync(Deadline);
        var queued = Enumerable.Range(2, 5).Select(i => batcher.SendAsync("a", i)).ToList();
        Assert.DoesNotContain(queued, t => t.IsCompleted);

        grain.Open();
        await Task.WhenAll(queued.Prepend(first)).WaitAsync(Deadline);

        Assert.Equal([[1], [2, 3, 4, 5, 6]], grain.Calls.Select(c => c.Changes.ToArray()));
    }

    [Fact]
    public async Task A_failed_call_fails_every_change_in_it_and_the_next_call_still_goes()
    {
        var grain = new GatedGrain(open: false) { FailCall = 2 };
        var batcher = new GrainCallBatcher<int>(grain.ApplyAsync);

        var first = batcher.SendAsync("a", 1);
        await grain.Started(1).WaitAsync(Deadline);
        var failing = new[] { batcher.SendAsync("a", 2), batcher.SendAsync("a", 3) };
        grain.Open();
        await first.WaitAsync(Deadline);
        foreach (var task in failing)
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => task.WaitAsync(Deadline));
            Assert.Equal("call 2 failed", e.Message);
        }

        await batcher.SendAsync("a", 4).WaitAsync(Deadline);
        Assert.Equal([[1], [2, 3], [4]], grain.Calls.Select(c => c.Changes.ToArray()));
    }

    [Fact]
    public async Task A_call_takes_at_most_the_batch_limit()
    {
        var grain = new GatedGrain(open: false);
        var batcher = new GrainCallBatcher<int>(grain.ApplyAsync);

        var first = batcher.SendAsync("a", 0);
        await grain.Started(1).WaitAsync(Deadline);
        var queued = Enumerable.Range(1, GrainCallBatcher<int>.MaxBatch + 1).Select(i => batcher.SendAsync("a", i)).ToList();
        grain.Open();
        await Task.WhenAll(queued.Prepend(first)).WaitAsync(Deadline);

        Assert.Equal([1, GrainCallBatcher<int>.MaxBatch, 1], grain.Calls.Select(c => c.Changes.Length));
        Assert.Equal(Enumerable.Range(0, GrainCallBatcher<int>.MaxBatch + 2), grain.Calls.SelectMany(c => c.Changes));
    }

    [Fact]
    public async Task Changes_for_another_grain_do_not_wait_for_a_call_in_flight()
    {
        var slow = new GatedGrain(open: false);
        var fast = new GatedGrain(open: true);
        var batcher = new GrainCallBatcher<int>((key, changes) => key == "slow" ? slow.ApplyAsync(key, changes) : fast.ApplyAsync(key, changes));

        var waiting = batcher.SendAsync("slow", 1);
        await slow.Started(1).WaitAsync(Deadline);
        await batcher.SendAsync("fast", 2).WaitAsync(Deadline);

        Assert.False(waiting.IsCompleted);
        slow.Open();
        await waiting.WaitAsync(Deadline);
    }

    /// <summary>A stand-in for a grain's batch method: records each call and holds them until opened.</summary>
    private sealed class GatedGrain(bool open)
    {
        private readonly TaskCompletionSource _gate = NewSource(open);
        private readonly ConcurrentDictionary<int, TaskCompletionSource> _started = new();

        public ConcurrentQueue<(string Key, ImmutableArray<int> Changes)> Calls { get; } = new();

        public int FailCall { get; init; }

        public void Open() => _gate.TrySetResult();

        public Task Started(int call) => StartedSource(call).Task;

        public async Task ApplyAsync(string key, ImmutableArray<int> changes)
        {
            Calls.Enqueue((key, changes));
            var call = Calls.Count;
            StartedSource(call).TrySetResult();
            await _gate.Task;
            if (call == FailCall)
            {
                throw new InvalidOperationException($"call {call} failed");
            }
        }

        private TaskCompletionSource StartedSource(int call) => _started.GetOrAdd(call, _ => NewSource(false));

        private static TaskCompletionSource NewSource(bool completed)
        {
            var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (completed)
            {
                source.SetResult();
            }

            return source;
        }
    }
}
