using System.Collections.Immutable;

namespace PortalGrains.GraphQL.Execution;

internal static class ImmutableArrayExtensions
{
    /// <summary>An uninitialized (default) array, which cannot be enumerated, as an empty one.</summary>
    public static ImmutableArray<T> OrEmpty<T>(this ImmutableArray<T> array) => array.IsDefault ? [] : array;

    public static ImmutableArray<T> OrEmpty<T>(this ImmutableArray<T>? array) => array is { IsDefault: false } value ? value : [];
}
