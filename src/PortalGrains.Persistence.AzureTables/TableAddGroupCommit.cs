using Azure.Data.Tables;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>
/// Group commit of entity adds, per partition: while a batch of a partition is being written, later adds to it wait,
/// and when it completes everything waiting (up to <see cref="MaxBatchEntities"/> entities and
/// <see cref="MaxBatchBytes"/>, within the limits of an entity group transaction) goes as the next batch. A lone add
/// is sent at once, so batching costs no latency when there is no concurrency. Each caller's task completes with the
/// outcome of the batch its entity went in; a caller that cancels while its entity still waits takes it out.
/// Batches are written off the callers' synchronization context (callers are grains).
/// </summary>
internal sealed class TableAddGroupCommit(Func<IReadOnlyList<TableEntity>, Task> writeBatch)
{
    public const int MaxBatchEntities = 100;

    /// <summary>Half the 4 MiB a transaction may carry.</summary>
    public const int MaxBatchBytes = 2 * 1024 * 1024;

    /// <summary>
    /// An entity estimated larger goes in a batch of its own, so that an entity the service refuses for its size
    /// fails only its own caller.
    /// </summary>
    public const int MaxSharedEntityBytes = 64 * 1024;

    private readonly Lock _gate = new();

    /// <summary>The waiting adds of each partition that has a batch in flight; no entry when it is idle.</summary>
    private readonly Dictionary<string, List<PendingTableAdd>> _waiting = new(StringComparer.Ordinal);

    public async Task AddAsync(TableEntity row, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingTableAdd(row);
        bool start;
        lock (_gate)
        {
            start = !_waiting.TryGetValue(row.PartitionKey, out var queue);
            if (start)
            {
                queue = [];
                _waiting.Add(row.PartitionKey, queue);
            }

            queue!.Add(pending);
        }

        if (start)
        {
            _ = Task.Run(() => PumpAsync(row.PartitionKey), CancellationToken.None);
        }

        await using var registration = cancellationToken.Register(() => Withdraw(pending, cancellationToken));
        await pending.Completion.Task;
    }

    private void Withdraw(PendingTableAdd pending, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_waiting.TryGetValue(pending.Row.PartitionKey, out var queue) || !queue.Remove(pending))
            {
                return; // already in a batch: its caller gets that batch's outcome
            }
        }

        pending.Completion.TrySetCanceled(cancellationToken);
    }

    private async Task PumpAsync(string partition)
    {
        while (TakeBatch(partition) is { } batch)
        {
            try
            {
                await writeBatch([.. batch.Select(p => p.Row)]);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetResult();
                }
            }
            catch (Exception e)
            {
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(e);
                }
            }
        }
    }

    /// <summary>The next batch of the partition, or null (and the partition idle) when nothing waits.</summary>
    private List<PendingTableAdd>? TakeBatch(string partition)
    {
        lock (_gate)
        {
            var queue = _waiting[partition];
            if (queue.Count == 0)
            {
                _waiting.Remove(partition);
                return null;
            }

            var count = 0;
            var bytes = 0L;
            while (count < queue.Count && count < MaxBatchEntities)
            {
                var size = queue[count].EstimatedBytes;
                var alone = size > MaxSharedEntityBytes;
                if (count > 0 && (alone || bytes + size > MaxBatchBytes))
                {
                    break;
                }

                count++;
                bytes += size;
                if (alone)
                {
                    break;
                }
            }

            var batch = queue.GetRange(0, count);
            queue.RemoveRange(0, count);
            return batch;
        }
    }
}
