using Azure;
using Azure.Data.Tables;
using PortalGrains.Abstractions.Audit;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>
/// The audit log in an Azure table, in time-ordered partitions: one partition per hour whose key is the service id
/// and the hour's inverted ticks, and row keys of inverted ticks and the entry id (<see cref="AuditOrder"/>). The Table service
/// returns entities in partition and row key order, so newest first: the newest page is one query and the next
/// one starts after the cursor's key. The number of entries is kept in counter entities in a partition of its own
/// that sorts after every hour: <see cref="CounterShards"/> of them ("total", "total-1", ...), each entry counted in the
/// one its id hashes to and the total their sum, so that concurrent appends seldom update the same entity (each
/// conflict costs a read and another write). Services sharing the table (same storage account) never see each other's entries.
/// </summary>
public sealed class AzureTableAuditLog(TableClient table, string serviceId) : IAuditLog
{
    private const string CounterRow = "total";
    private const string CountProperty = "Count";
    private const int CounterAttempts = 10;
    private const int CounterShards = 16;

    // An escaped service id contains '~' only followed by hex digits: "~." ends it unambiguously (as in grain keys).
    private readonly string _prefix = AzureTableKeys.Escape(serviceId) + "~.";

    private volatile bool _tableExists;

    /// <summary>Sorts after every hour partition of the service (digits) and before those of any other service.</summary>
    private string CounterPartition => _prefix + "~count";

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
        try
        {
            await table.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Stored by an earlier attempt whose answer was lost; it was counted then.
            return;
        }

        await IncrementCountAsync(CounterRowOf(entry.Id), cancellationToken);
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
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(wanted, 1000), cancellationToken: cancellationToken))
        {
            read.Add(EntryOf(row));
            if (read.Count == wanted)
            {
                break;
            }
        }

        var total = 0L;
        var counters = TableClient.CreateQueryFilter($"PartitionKey eq {CounterPartition}");
        await foreach (var counter in table.QueryAsync<TableEntity>(counters, cancellationToken: cancellationToken))
        {
            total += counter.GetInt64(CountProperty) ?? 0;
        }

        return AuditPages.Of(read, first, total);
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

    /// <summary>The counter shard of an entry: a stable hash (FNV-1a) of its id; shard 0 is the single counter of earlier versions.</summary>
    private static string CounterRowOf(string entryId)
    {
        var hash = 2166136261u;
        foreach (var c in entryId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        var shard = (int)(hash % CounterShards);
        return shard == 0 ? CounterRow : CounterRow + "-" + shard.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task IncrementCountAsync(string row, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < CounterAttempts; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(CounterPartition, row, cancellationToken: cancellationToken);
            try
            {
                if (!existing.HasValue)
                {
                    await table.AddEntityAsync(new TableEntity(CounterPartition, row) { [CountProperty] = 1L }, cancellationToken);
                }
                else
                {
                    var counter = existing.Value!;
                    counter[CountProperty] = (counter.GetInt64(CountProperty) ?? 0) + 1;
                    await table.UpdateEntityAsync(counter, counter.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another silo counted at the same moment: read again.
            }
        }
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableExists)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _tableExists = true;
        }
    }
}
