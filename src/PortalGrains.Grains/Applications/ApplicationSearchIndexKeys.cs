using System.Globalization;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Common;

namespace PortalGrains.Grains.Applications;

/// <summary>The keys of <see cref="IApplicationSearchIndexGrain"/> shards and of their pages.</summary>
public static class ApplicationSearchIndexKeys
{
    /// <summary>How many shards hold the index: updates spread over them, a search asks them all.</summary>
    public const int ShardCount = 16;

    private const char Separator = '#';

    /// <summary>The shard that holds an application: a stable hash of its id.</summary>
    public static string ShardOf(string applicationId) => ShardKey((int)(ShardHash.Fnv1a(applicationId) % ShardCount));

    public static string ShardKey(int shard) =>
        IApplicationSearchIndexGrain.Key + Separator + shard.ToString(CultureInfo.InvariantCulture);

    /// <summary>The key of page <paramref name="number"/> of a shard's chain (an <see cref="IApplicationSearchPageGrain"/>).</summary>
    public static string PageKey(string shardKey, long number) =>
        shardKey + Separator + number.ToString(CultureInfo.InvariantCulture);

    public static bool IsShard(string key) => key.Contains(Separator, StringComparison.Ordinal);
}
