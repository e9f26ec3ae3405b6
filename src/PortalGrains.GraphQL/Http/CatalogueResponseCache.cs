using System.Collections.Concurrent;
using System.Collections.Frozen;
using GraphQL;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.GraphQL.Auth;
using PortalGrains.GraphQL.Hosting;

namespace PortalGrains.GraphQL.Http;

/// <summary>
/// The serialized answers of catalogue-only queries, which a portal's pages send with every view. An answer depends
/// only on the request's text, whether the caller is anonymous, and the catalogue (products, plans, and the client
/// types of their providers), so it is served again while the catalogue's version is unchanged and for at most
/// <see cref="GraphQLHostingOptions.CatalogueResponseMaxAge"/>. Admins are never served from it (they see unpublished
/// products and provider details), nor is any query that names another root field or whose answer had errors.
/// </summary>
public sealed class CatalogueResponseCache(ICatalogReader catalog, TimeProvider clock, IOptions<GraphQLHostingOptions> options)
{
    /// <summary>Distinct requests kept; past it new ones are not cached until the catalogue changes.</summary>
    public const int MaxEntries = 1_000;

    /// <summary>Longest request text cached.</summary>
    public const int MaxRequestChars = 8 * 1024;

    private static readonly FrozenSet<string> CatalogueRootFields =
        FrozenSet.ToFrozenSet(["products", "product", "plans", "serverVersion", "__typename"], StringComparer.Ordinal);

    private readonly TimeSpan _maxAge = options.Value.CatalogueResponseMaxAge;
    private ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>The cache key of a request, or null when its answer may not be cached.</summary>
    public string? KeyFor(string method, PortalUser? user, string? requestText) =>
        _maxAge > TimeSpan.Zero && user is not { IsAdmin: true } && requestText is { Length: > 0 and <= MaxRequestChars }
            ? string.Concat(method, user is null ? " anonymous " : " user ", requestText)
            : null;

    /// <summary>The version of the catalogue an answer about to be computed will be cached under.</summary>
    public async ValueTask<long> CatalogueVersionAsync(CancellationToken cancellationToken) =>
        (await catalog.GetAsync(cancellationToken)).Version;

    public async ValueTask<byte[]?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue(key, out var entry) || clock.GetElapsedTime(entry.CreatedAt) >= _maxAge)
        {
            return null;
        }

        return await CatalogueVersionAsync(cancellationToken) == entry.CatalogueVersion ? entry.Answer : null;
    }

    /// <summary>Whether an executed result answers a catalogue-only query without errors.</summary>
    public static bool IsCatalogueAnswer(ExecutionResult result) =>
        result is { Executed: true, Operation: { Operation: OperationType.Query } operation }
        && (result.Errors is null || result.Errors.Count == 0)
        && operation.SelectionSet.Selections.All(selection =>
            selection is GraphQLField field && CatalogueRootFields.Contains(field.Name.StringValue));

    public async ValueTask AddAsync(string key, long catalogueVersion, byte[] answer, CancellationToken cancellationToken)
    {
        // The catalogue changed while the answer was computed: it may mix both versions.
        if (await CatalogueVersionAsync(cancellationToken) != catalogueVersion)
        {
            return;
        }

        var entries = _entries;
        if (entries.Count >= MaxEntries)
        {
            // Entries live for a second or so: starting afresh costs little and needs no eviction order.
            entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
            _entries = entries;
        }

        entries[key] = new Entry(catalogueVersion, clock.GetTimestamp(), answer);
    }

    /// <summary>Forgets every answer (after a change on this silo that the catalogue's version does not cover).</summary>
    public void Clear() => _entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);

    private sealed record Entry(long CatalogueVersion, long CreatedAt, byte[] Answer);
}
