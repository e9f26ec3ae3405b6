using Azure;
using Azure.Data.Tables;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>
/// Adds entities of one partition in one request (an entity group transaction; a lone entity as a plain add) where
/// an entity already stored is no failure: an earlier attempt stored it and its answer was lost.
/// </summary>
internal static class TableAddTransaction
{
    /// <summary>Adds the entities and returns those this call stored (not those found already stored).</summary>
    public static async Task<IReadOnlyList<TableEntity>> AddNewAsync(TableClient table, IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        var remaining = rows.DistinctBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        while (remaining.Count > 1)
        {
            try
            {
                await table.SubmitTransactionAsync(remaining.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), cancellationToken);
                return remaining;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex is { } index && index < remaining.Count)
            {
                // A transaction stores all or nothing: send the others again without the one already stored.
                remaining.RemoveAt(index);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                // The service did not name the entity: find it one add at a time.
                return await AddEachAsync(table, remaining, cancellationToken);
            }
        }

        return await AddEachAsync(table, remaining, cancellationToken);
    }

    private static async Task<IReadOnlyList<TableEntity>> AddEachAsync(TableClient table, List<TableEntity> rows, CancellationToken cancellationToken)
    {
        var stored = new List<TableEntity>(rows.Count);
        foreach (var row in rows)
        {
            try
            {
                await table.AddEntityAsync(row, cancellationToken);
                stored.Add(row);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // already stored
            }
        }

        return stored;
    }
}
