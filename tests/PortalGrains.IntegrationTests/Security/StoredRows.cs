using System.Text;
using Azure.Data.Tables;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>
/// The raw entities a host wrote to Azure Table storage, read with Azure.Data.Tables as anyone with access to the
/// storage account could: grain state rows (PartitionKey "{ServiceId}~.{grain type}~.{grain key}", the serialized
/// state split over the binary properties Data0..DataN) and the Data Protection key ring.
/// </summary>
public sealed record StoredRows(string PartitionKey, string RowKey, byte[] Payload)
{
    public const string GrainStateTable = "PortalGrainState";

    /// <summary>The payload as UTF-8 text (the grain state serializer writes JSON).</summary>
    public string Text => Encoding.UTF8.GetString(Payload);

    /// <summary>Every grain state row of <paramref name="serviceId"/>.</summary>
    public static async Task<IReadOnlyList<StoredRows>> GrainStateOfAsync(string serviceId)
    {
        var table = new TableClient(TestServers.AzureTables, GrainStateTable);
        // '~' + '.' and '~' + '/' bound every PartitionKey that starts with the escaped ServiceId and its separator "~.".
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {serviceId + "~."} and PartitionKey lt {serviceId + "~/"}");
        var rows = new List<StoredRows>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter))
        {
            rows.Add(new StoredRows(entity.PartitionKey, entity.RowKey, AllValues(entity)));
        }

        return rows;
    }

    /// <summary>The Xml property of every entity of a Data Protection key ring table.</summary>
    public static async Task<IReadOnlyList<string>> KeyRingAsync(string tableName)
    {
        var table = new TableClient(TestServers.AzureTables, tableName);
        var keys = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            keys.Add(entity.GetString("Xml") ?? "");
        }

        return keys;
    }

    /// <summary>The Data0..DataN chunks in order, then every other property's value as UTF-8, so nothing escapes a search.</summary>
    private static byte[] AllValues(TableEntity entity)
    {
        using var all = new MemoryStream();
        var chunks = entity.Keys.Where(k => k.StartsWith("Data", StringComparison.Ordinal) && int.TryParse(k[4..], out _))
            .OrderBy(k => int.Parse(k[4..], System.Globalization.CultureInfo.InvariantCulture));
        foreach (var key in chunks)
        {
            all.Write(entity.GetBinary(key));
        }

        foreach (var (key, value) in entity.Where(p => p.Value is not byte[] && !p.Key.StartsWith("odata.", StringComparison.Ordinal)))
        {
            all.Write(Encoding.UTF8.GetBytes($"\n{key}={value}"));
        }

        return all.ToArray();
    }
}
