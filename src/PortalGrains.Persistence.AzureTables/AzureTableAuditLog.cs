using Azure.Data.Tables;
using PortalGrains.Abstractions.Audit;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>
/// The audit log in an Azure table, in time-ordered partitions: one partition per hour whose key is the service id
/// and the hour's inverted ticks, and row keys of inverted ticks and the entry id (<see cref="AuditOrder"/>). The Table service
/// returns entities in partition and row key order, so newest first: the newest page is one query and the next
/// one starts after the cursor's key. The number of entries is kept in the sharded counter entities of
/// <see cref="AuditCounter"/>, in a partition of its own that sorts after every hour. Services sharing the table
/// (same storage account) never see each other's entries.
/// <para>
/// Appends are group-committed per hour partition (<see cref="TableAddGroupCommit"/>): a lone append is one add and
/// one counter update; appends that arrive while one is being written wait and then go together as one entity group
/// transaction (up to 100 entries) with one counter update of their number, so that concurrent appends share requests.
/// An append returns when its batch is stored and counted, and fails when its batch failed. An entry already stored
/// (an append repeated after a lost answer) is taken out of its batch and not counted again.
/// </para>
/// </summary>
public sealed class AzureTableAuditLog : IAuditLog
{
    // An escaped service id contains '~' only followed by hex digits: "~." ends it unambiguously (as in grain keys).
    private readonly string _prefix;
    private readonly TableClient _table;
    private readonly AuditCounter _counter;
    private readonly TableAddGroupCommit _appends;

    private volatile bool _tableExists;

    public AzureTableAuditLog(TableClient table, string serviceId)
    {
        _table = table;
        _prefix = AzureTableKeys.Escape(serviceId) + "~.";
        // Sorts after every hour partition of the service (digits) and before those of any other service.
        _counter = new AuditCounter(table, _prefix + "~count");
        _appends = new TableAddGroupCommit(WriteBatchAsync);
    }

    private string HoursEnd => _prefix + "~";

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await EnsureTableAsync(cancellationToken);
        var key = AuditOrder.KeyOf(entry);
        var row = new TableEntity(PartitionOf(entry.At), key)
        {
            [nameof(AuditEntry.Id)] = entry.Id,
            [nameof(AuditEntry.At)] = entry.At,
            [nameof(AuditEntry.Actor)] = entry.Actor,
            [nameof(AuditEntry.Action)] = entry.Action,
            [nameof(AuditEntry.SubjectType)] = entry.SubjectType,
            [nameof(AuditEntry.SubjectId)] = entry.SubjectId,
            [nameof(AuditEntry.Detail)] = entry.Detail,
        };
        await _appends.AddAsync(row, cancellationToken);
    }

    public async Task<AuditPage> PageAsync(int first, string? after, CancellationToken cancellationToken = default)
    {
        var afterKey = after is null ? null : AuditOrder.KeyOfCursor(after);
        await EnsureTableAsync(cancellationToken);
        string filter;
        if (afterKey is null)
        {
            filter = TableClient.CreateQueryFilter($"PartitionKey gt {_prefix} and PartitionKey lt {HoursEnd}");
        }
        else
        {
            var partition = PartitionOfKey(afterKey);
            filter = TableClient.CreateQueryFilter(
                $"(PartitionKey eq {partition} and RowKey gt {afterKey}) or (PartitionKey gt {partition} and PartitionKey lt {HoursEnd})");
        }

        var wanted = Math.Max(0, first) + 1;
        var read = new List<AuditEntry>(wanted);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(wanted, 1000), cancellationToken: cancellationToken))
        {
            read.Add(EntryOf(row));
            if (read.Count == wanted)
            {
                break;
            }
        }

        return AuditPages.Of(read, first, await _counter.TotalAsync(cancellationToken));
    }

    private string PartitionOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return _prefix + AuditOrder.InvertedTicks(new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero));
    }

    private string PartitionOfKey(string orderKey)
    {
        // AuditOrder.KeyOfCursor checked that the key starts with 19 digits of at most the largest ticks.
        var inverted = long.Parse(orderKey.AsSpan(0, 19), System.Globalization.CultureInfo.InvariantCulture);
        return PartitionOf(new DateTimeOffset(DateTimeOffset.MaxValue.UtcTicks - inverted, TimeSpan.Zero));
    }

    private static AuditEntry EntryOf(TableEntity row) => new(
        row.GetString(nameof(AuditEntry.Id)) ?? row.RowKey,
        row.GetDateTimeOffset(nameof(AuditEntry.At)) ?? DateTimeOffset.MinValue,
        row.GetString(nameof(AuditEntry.Actor)) ?? string.Empty,
        row.GetString(nameof(AuditEntry.Action)) ?? string.Empty,
        row.GetString(nameof(AuditEntry.SubjectType)) ?? string.Empty,
        row.GetString(nameof(AuditEntry.SubjectId)) ?? string.Empty,
        row.GetString(nameof(AuditEntry.Detail)));

    /// <summary>
    /// Writes one batch of one hour partition (no caller's cancellation: its callers share it) and counts the entries
    /// it stored in the counter shard of the first of them.
    /// </summary>
    private async Task WriteBatchAsync(IReadOnlyList<TableEntity> rows)
    {
        var stored = await TableAddTransaction.AddNewAsync(_table, rows, CancellationToken.None);
        if (stored.Count > 0)
        {
            var shard = AuditCounter.ShardOf(stored[0].GetString(nameof(AuditEntry.Id)) ?? stored[0].RowKey);
            await _counter.AddAsync(shard, stored.Count, CancellationToken.None);
        }
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableExists)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            _tableExists = true;
        }
    }
}
