using Azure.Core;
using Azure.Data.Tables;
using PortalGrains.Abstractions.Audit;
using PortalGrains.Testing;

namespace PortalGrains.Persistence.AzureTables.Tests;

/// <summary>
/// Concurrent appends to the Azure Table audit log share requests (one entity group transaction and one counter update
/// per batch), counted at the table endpoint; each caller gets the outcome of its batch.
/// </summary>
public sealed class AuditLogGroupCommitTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Hour = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly string _tableName = AzuriteTables.NewTableName();
    private readonly string _serviceId = "audit" + Guid.NewGuid().ToString("N")[..8];
    private TableWriteProxy _proxy = null!;
    private AzureTableAuditLog _log = null!;

    public async Task InitializeAsync()
    {
        await AzuriteTables.EnsureReachableAsync();
        await AzuriteTables.CreateServiceClient().CreateTableAsync(_tableName);
        _proxy = TableWriteProxy.Start(AzuriteTables.ConnectionString);
        // No retries by the client: a refused request fails at once and each test counts exactly what was sent.
        var options = new TableClientOptions { Retry = { MaxRetries = 0, Mode = RetryMode.Fixed } };
        _log = new AzureTableAuditLog(new TableClient(_proxy.ConnectionString, _tableName, options), _serviceId);
        await _log.PageAsync(1, null); // its table check (once per log), so that the tests see only appends
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await AzuriteTables.CreateServiceClient().DeleteTableAsync(_tableName);
    }

    [Fact]
    public async Task A_lone_append_writes_its_entry_and_the_counter()
    {
        var entry = Entry(0);
        var mark = _proxy.Count;

        await _log.AppendAsync(entry);

        var writes = _proxy.WritesSince(mark);
        Assert.Equal(2, writes.Count);
        Assert.Equal(AuditOrder.KeyOf(entry), writes[0].RowKey);
        Assert.Equal(1, writes[0].Operations);
        Assert.EndsWith("~count", writes[1].PartitionKey, StringComparison.Ordinal);
        Assert.Equal(1, (await _log.PageAsync(10, null)).TotalCount);
    }

    [Fact]
    public async Task Two_hundred_concurrent_appends_share_requests_and_are_all_stored_and_counted_once()
    {
        var entries = Enumerable.Range(0, 200).Select(Entry).ToList();
        var mark = _proxy.Count;

        await Task.WhenAll(entries.Select(e => Task.Run(() => _log.AppendAsync(e))));

        var writes = _proxy.WritesSince(mark);
        var entryWrites = writes.Where(w => !w.PartitionKey.EndsWith("~count", StringComparison.Ordinal)).ToList();
        Assert.Equal(200, entryWrites.Sum(w => w.Operations));
        // One add per entry and one counter update per entry would be 400 writes; a batch costs two.
        Assert.True(writes.Count <= 40, $"{writes.Count} writes ({entryWrites.Count} of entries) for 200 concurrent appends");

        var paged = new List<AuditEntry>();
        string? after = null;
        AuditPage page;
        do
        {
            page = await _log.PageAsync(30, after);
            Assert.Equal(200, page.TotalCount);
            paged.AddRange(page.Entries);
            after = page.EndCursor;
        }
        while (page.HasNextPage);

        Assert.Equal(entries.OrderByDescending(e => e.At).Select(e => e.Id), paged.Select(e => e.Id));
        Assert.Equal(entries[17], paged.Single(e => e.Id == entries[17].Id));
    }

    [Fact]
    public async Task An_entry_already_stored_is_taken_out_of_its_batch_and_not_counted_again()
    {
        var repeated = Entry(0);
        var blocker = Entry(1);
        var others = Enumerable.Range(2, 30).Select(Entry).ToList();
        await _log.AppendAsync(repeated);
        using var hold = new WriteHold(_proxy);

        var first = _log.AppendAsync(blocker);
        await hold.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        var mark = _proxy.Count;
        // Queued behind the held write: the retried entry (twice, as by two attempts) among others, in one batch.
        var queued = others.Take(15).Append(repeated).Concat(others.Skip(15)).Append(repeated).Select(e => _log.AppendAsync(e)).ToList();
        hold.Release();
        await first;
        await Task.WhenAll(queued);

        var batches = _proxy.WritesSince(mark).Where(w => w.Method == "$batch").ToList();
        Assert.Equal([31, 30], batches.Select(b => b.Operations));
        var page = await _log.PageAsync(100, null);
        Assert.Equal(32, page.TotalCount);
        Assert.Equal(32, page.Entries.Length);
        Assert.Equal(others.Append(repeated).Append(blocker).Select(e => e.Id).Order(), page.Entries.Select(e => e.Id).Order());
    }

    [Fact]
    public async Task Every_caller_of_a_failed_batch_gets_the_failure_and_nothing_of_it_is_stored()
    {
        var blocker = Entry(0);
        var others = Enumerable.Range(1, 10).Select(Entry).ToList();
        using var hold = new WriteHold(_proxy);

        var first = _log.AppendAsync(blocker);
        await hold.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        var queued = others.Select(e => _log.AppendAsync(e)).ToList();
        _proxy.BeforeWrite = (write, _) => Task.FromResult(write.Method != "$batch");
        hold.Release();
        await first;

        foreach (var append in queued)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => append);
        }

        var page = await _log.PageAsync(100, null);
        Assert.Equal([blocker.Id], page.Entries.Select(e => e.Id));
        Assert.Equal(1, page.TotalCount);
    }

    [Fact]
    public async Task An_append_cancelled_while_it_waits_is_not_stored()
    {
        var blocker = Entry(0);
        var cancelled = Entry(1);
        var kept = Entry(2);
        using var hold = new WriteHold(_proxy);

        var first = _log.AppendAsync(blocker);
        await hold.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource();
        var withdrawn = _log.AppendAsync(cancelled, cancellation.Token);
        var stays = _log.AppendAsync(kept);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn);
        hold.Release();
        await Task.WhenAll(first, stays);

        var page = await _log.PageAsync(100, null);
        Assert.Equal([kept.Id, blocker.Id], page.Entries.Select(e => e.Id));
        Assert.Equal(2, page.TotalCount);
    }

    /// <summary>Entries of one hour, one second apart, so that they share a partition and have a known order.</summary>
    private static AuditEntry Entry(int i) =>
        new("entry" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), Hour.AddSeconds(i), "admin", "product.upsert", "Product", "p" + i, "detail " + i);

    /// <summary>Holds the first write through the proxy until released.</summary>
    private sealed class WriteHold : IDisposable
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _held;

        public WriteHold(TableWriteProxy proxy) =>
            proxy.BeforeWrite = async (_, _) =>
            {
                if (Interlocked.Exchange(ref _held, 1) == 0)
                {
                    _reached.TrySetResult();
                    await _released.Task;
                }

                return true;
            };

        public Task Reached => _reached.Task;

        public void Release() => _released.TrySetResult();

        public void Dispose() => _released.TrySetResult();
    }
}
