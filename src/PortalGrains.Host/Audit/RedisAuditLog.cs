using System.Text.Json;
using PortalGrains.Abstractions.Audit;
using StackExchange.Redis;

namespace PortalGrains.Host.Audit;

/// <summary>
/// The audit log in Redis: a sorted set of order keys (<see cref="AuditOrder"/>, all with score 0, so that they sort
/// as text: newest first) and a hash from order key to the entry as JSON, written together in one transaction.
/// </summary>
public sealed class RedisAuditLog(Lazy<IConnectionMultiplexer> redis, string keyPrefix) : IAuditLog
{
    private readonly RedisKey _order = keyPrefix + ":order";
    private readonly RedisKey _entries = keyPrefix + ":entries";

    private IDatabase Database => redis.Value.GetDatabase();

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var key = AuditOrder.KeyOf(entry);
        var transaction = Database.CreateTransaction();
        _ = transaction.HashSetAsync(_entries, key, JsonSerializer.Serialize(entry));
        _ = transaction.SortedSetAddAsync(_order, key, 0);
        if (!await transaction.ExecuteAsync())
        {
            throw new InvalidOperationException("The audit entry was not stored in Redis.");
        }
    }

    public async Task<AuditPage> PageAsync(int first, string? after, CancellationToken cancellationToken = default)
    {
        var afterKey = after is null ? null : AuditOrder.KeyOfCursor(after);
        var database = Database;
        var wanted = Math.Max(0, first) + 1;
        var keys = await database.SortedSetRangeByValueAsync(
            _order, afterKey ?? default(RedisValue), default, afterKey is null ? Exclude.None : Exclude.Start, Order.Ascending, skip: 0, take: wanted);
        var values = keys.Length == 0 ? [] : await database.HashGetAsync(_entries, keys);
        var read = values.Where(v => v.HasValue).Select(v => JsonSerializer.Deserialize<AuditEntry>(v.ToString())!).ToList();
        var total = await database.SortedSetLengthAsync(_order);
        return AuditPages.Of(read, first, total);
    }
}
