using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>
/// The number of entries of an audit log: <see cref="Shards"/> counter entities in one partition ("total", "total-1",
/// ...), the total their sum, so that concurrent writers (silos, hour partitions) seldom update the same entity (each
/// conflict costs a read and another write). Shard 0 is the single counter of earlier versions.
/// </summary>
internal sealed class AuditCounter(TableClient table, string partition)
{
    private const string CounterRow = "total";
    private const string CountProperty = "Count";
    private const int Attempts = 10;
    private const int Shards = 16;

    /// <summary>The shard a batch is counted in: a stable hash (FNV-1a) of one of its entry ids.</summary>
    public static string ShardOf(string entryId)
    {
        var hash = 2166136261u;
        foreach (var c in entryId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        var shard = (int)(hash % Shards);
        return shard == 0 ? CounterRow : CounterRow + "-" + shard.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Adds <paramref name="count"/> to one shard: a read and a replace conditional on its ETag, again on a conflict.</summary>
    public async Task AddAsync(string shard, long count, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, shard, cancellationToken: cancellationToken);
            try
            {
                if (!existing.HasValue)
                {
                    await table.AddEntityAsync(new TableEntity(partition, shard) { [CountProperty] = count }, cancellationToken);
                }
                else
                {
                    var counter = existing.Value!;
                    counter[CountProperty] = (counter.GetInt64(CountProperty) ?? 0) + count;
                    await table.UpdateEntityAsync(counter, counter.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another writer counted at the same moment: read again.
            }
        }
    }

    public async Task<long> TotalAsync(CancellationToken cancellationToken)
    {
        var total = 0L;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var counter in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            total += counter.GetInt64(CountProperty) ?? 0;
        }

        return total;
    }
}
