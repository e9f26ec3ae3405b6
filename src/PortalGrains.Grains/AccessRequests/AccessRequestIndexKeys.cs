using PortalGrains.Abstractions.AccessRequests;

namespace PortalGrains.Grains.AccessRequests;

/// <summary>The keys of <see cref="IAccessRequestIndexGrain"/>: the status name as the GraphQL enum spells it, or <c>ALL</c>.</summary>
public static class AccessRequestIndexKeys
{
    public static string For(AccessRequestStatus status) => status.ToString().ToUpperInvariant();

    public static string All => IAccessRequestIndexGrain.AllKey;

    /// <summary>How many shards hold one index: adding and removing spread over them, reading merges them.</summary>
    public const int ShardCount = 16;

    private const char ShardSeparator = '#';

    /// <summary>The shard of an index that holds a request: a stable hash (FNV-1a) of its id.</summary>
    public static string ShardOf(string indexKey, string accessRequestId)
    {
        var hash = 2166136261u;
        foreach (var c in accessRequestId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return ShardKey(indexKey, (int)(hash % ShardCount));
    }

    public static string ShardKey(string indexKey, int shard) =>
        indexKey + ShardSeparator + shard.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The key of page <paramref name="number"/> of a shard's chain (an <see cref="IAccessRequestIndexPageGrain"/>).</summary>
    public static string PageKey(string shardKey, long number) =>
        shardKey + ShardSeparator + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsShard(string key) => key.Contains(ShardSeparator, StringComparison.Ordinal);
}
