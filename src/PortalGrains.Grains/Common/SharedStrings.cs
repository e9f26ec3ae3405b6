using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace PortalGrains.Grains.Common;

/// <summary>
/// One instance of each short text that many grains hold alike (client metadata the identity provider returns for
/// every client, grant types, issuers), instead of one copy per grain each time its state is read. Unlike
/// <see cref="string.Intern"/> it is bounded: texts longer than <see cref="MaxLength"/> and texts seen once the pool
/// holds <see cref="MaxEntries"/> are returned as given. Feed it text that repeats across grains, never secrets or
/// per-grain values such as ids.
/// </summary>
public sealed class SharedStrings(int maxEntries = SharedStrings.DefaultMaxEntries, int maxLength = SharedStrings.DefaultMaxLength)
{
    public const int DefaultMaxEntries = 4096;
    public const int DefaultMaxLength = 256;

    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>The pool of this process.</summary>
    public static SharedStrings Process { get; } = new();

    public int MaxEntries { get; } = maxEntries;

    public int MaxLength { get; } = maxLength;

    public int Count => Volatile.Read(ref _count);

    /// <summary>The pooled instance equal to <paramref name="value"/>, which is added if there is room.</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public string? Share(string? value)
    {
        if (value is null || value.Length > MaxLength)
        {
            return value;
        }

        if (value.Length == 0)
        {
            return string.Empty;
        }

        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }

        // A place is taken before adding, so that concurrent additions never exceed the bound.
        if (Interlocked.Increment(ref _count) > MaxEntries)
        {
            Interlocked.Decrement(ref _count);
            return value;
        }

        if (_strings.TryAdd(value, value))
        {
            return value;
        }

        Interlocked.Decrement(ref _count);
        return _strings.TryGetValue(value, out shared) ? shared : value;
    }

    /// <summary>Replaces each item of <paramref name="values"/> with its pooled instance.</summary>
    public void ShareAll(List<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            values[i] = Share(values[i]);
        }
    }
}
