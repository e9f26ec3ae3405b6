namespace PortalGrains.Testing;

/// <summary>
/// One write request that reached the table endpoint: its method, table and the keys of its (first) entity. An entity
/// group transaction (<c>$batch</c>) is one request holding <see cref="Operations"/> changes of one partition.
/// </summary>
public sealed record TableWrite(string Method, string Table, string PartitionKey, string RowKey, int Operations)
{
    private const string KeySeparator = "~.";

    /// <summary>
    /// What was written, for counting: the grain type for grain state (its partition key is the service id, the grain
    /// type and the grain key), otherwise the table name, with "counter" for the audit log's count entity.
    /// </summary>
    public string Subject
    {
        get
        {
            var parts = PartitionKey.Split(KeySeparator);
            if (Table.Equals("Tables", StringComparison.OrdinalIgnoreCase))
            {
                return "(table creation)";
            }

            if (parts.Length >= 3)
            {
                return parts[1];
            }

            return parts.Length == 2 && parts[1].StartsWith('~') ? Table + " " + parts[1].TrimStart('~') : Table;
        }
    }
}
