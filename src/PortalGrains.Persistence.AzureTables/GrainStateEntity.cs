using Azure.Data.Tables;
using Orleans.Runtime;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>Lays a serialized grain state out over the binary properties of one table entity.</summary>
/// <remarks>
/// A binary property holds at most 64 KiB and an entity at most 1 MiB
/// (learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model, "Property types"
/// and "Property limits"). Fifteen full chunks (960 KiB) leave room for the keys (up to 2 KiB)
/// and the per-property overhead the service counts.
/// </remarks>
internal static class GrainStateEntity
{
    public const int MaxChunkBytes = 64 * 1024;
    public const int MaxChunks = 15;
    public const int MaxPayloadBytes = MaxChunkBytes * MaxChunks;

    private const string ChunkCountProperty = "DataChunks";
    private const string LengthProperty = "DataLength";
    private static readonly string[] ChunkPropertyNames =
        [.. Enumerable.Range(0, MaxChunks).Select(i => FormattableString.Invariant($"Data{i}"))];

    public static TableEntity Create(string partitionKey, string rowKey, ReadOnlyMemory<byte> payload)
    {
        if (payload.Length > MaxPayloadBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(payload), payload.Length, "The payload exceeds the entity limit.");
        }

        var entity = new TableEntity(partitionKey, rowKey);
        var chunks = 0;
        for (var offset = 0; offset < payload.Length; offset += MaxChunkBytes)
        {
            var length = Math.Min(MaxChunkBytes, payload.Length - offset);
            entity[ChunkPropertyNames[chunks]] = payload.Slice(offset, length).ToArray();
            chunks++;
        }

        entity[ChunkCountProperty] = chunks;
        entity[LengthProperty] = payload.Length;
        return entity;
    }

    public static BinaryData ReadPayload(TableEntity entity)
    {
        var chunks = entity.GetInt32(ChunkCountProperty);
        var length = entity.GetInt32(LengthProperty);
        if (chunks is null || length is null || chunks < 0 || chunks > MaxChunks || length < 0 || length > MaxPayloadBytes)
        {
            throw Malformed(entity, "missing or out-of-range DataChunks/DataLength");
        }

        var payload = new byte[length.Value];
        var offset = 0;
        for (var i = 0; i < chunks; i++)
        {
            var chunk = entity.GetBinary(ChunkPropertyNames[i]);
            if (chunk is null || offset + chunk.Length > payload.Length)
            {
                throw Malformed(entity, FormattableString.Invariant($"chunk {i} is missing or longer than DataLength"));
            }

            chunk.CopyTo(payload, offset);
            offset += chunk.Length;
        }

        if (offset != payload.Length)
        {
            throw Malformed(entity, FormattableString.Invariant($"chunks hold {offset} bytes, DataLength says {payload.Length}"));
        }

        return BinaryData.FromBytes(payload);
    }

    private static OrleansException Malformed(TableEntity entity, string detail) =>
        new($"Grain state entity (PartitionKey '{entity.PartitionKey}', RowKey '{entity.RowKey}') is not in the expected layout: {detail}.");
}
