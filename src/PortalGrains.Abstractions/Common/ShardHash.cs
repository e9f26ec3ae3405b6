using System.Text;

namespace PortalGrains.Abstractions.Common;

/// <summary>
/// FNV-1a over UTF-8: the same in every process and version (unlike <see cref="string.GetHashCode()"/>), for
/// choosing shards that stored data stays in.
/// </summary>
public static class ShardHash
{
    public static uint Fnv1a(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        var hash = offsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash = unchecked((hash ^ b) * prime);
        }

        return hash;
    }
}
