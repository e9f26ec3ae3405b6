using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using GraphQL;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.GraphQL.Auth;
using PortalGrains.GraphQL.Hosting;

namespace PortalGrains.GraphQL.Http;

/// <summary>
/// The serialized answers of the queries a portal's pages and API gateways repeat: the catalogue (products, product,
/// plans) and <c>verifyToken</c>. An answer is served again for at most <see cref="GraphQLHostingOptions.QueryAnswerMaxAge"/>,
/// while the catalogue's version is unchanged, and never past the expiry of a token it verified. Catalogue answers
/// depend only on the request's text and on whether the caller is anonymous, so they are shared by all callers who
/// are not admins; an answer that verifies a token is kept for its caller alone (it names the application only to
/// its owner). Admins are never served from it (they see unpublished products and provider details), nor is any
/// query that names another root field or whose answer had errors.
/// </summary>
public sealed class QueryAnswerCache(ICatalogReader catalog, TimeProvider clock, IOptions<GraphQLHostingOptions> options)
{
    /// <summary>Distinct requests kept; past it the cache starts afresh (answers live for a second or so, so little is lost).</summary>
    public const int MaxEntries = 10_000;

    /// <summary>Most bytes of answers kept; past it the cache starts afresh.</summary>
    public const long MaxAnswerBytes = 64L * 1024 * 1024;

    /// <summary>Longest request text cached.</summary>
    public const int MaxRequestChars = 8 * 1024;

    private const string VerifyToken = "verifyToken";

    private static readonly FrozenSet<string> CatalogueRootFields =
        FrozenSet.ToFrozenSet(["products", "product", "plans", "serverVersion", "__typename"], StringComparer.Ordinal);

    private readonly TimeSpan _maxAge = options.Value.QueryAnswerMaxAge;
    private ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _answerBytes;

    /// <summary>Whether each request text's answer is shared by callers or kept per caller, learned from its first answer.</summary>
    private ConcurrentDictionary<string, AnswerScope> _scopes = new(StringComparer.Ordinal);

    private enum AnswerScope
    {
        SharedByCallers,
        PerCaller,
    }

    public int Count => _entries.Count;

    /// <summary>
    /// What to look up and store a request under, or null when its answer may not be cached: admins, long requests,
    /// or the cache turned off.
    /// </summary>
    public CacheRequest? Prepare(string method, PortalUser? user, string? requestText) =>
        _maxAge > TimeSpan.Zero && user is not { IsAdmin: true } && requestText is { Length: > 0 and <= MaxRequestChars }
            ? new CacheRequest(string.Concat(method, " ", requestText), user)
            : null;

    /// <summary>The version of the catalogue an answer about to be computed will be cached under.</summary>
    public async ValueTask<long> CatalogueVersionAsync(CancellationToken cancellationToken) =>
        (await catalog.GetAsync(cancellationToken)).Version;

    public async ValueTask<byte[]?> TryGetAsync(CacheRequest request, CancellationToken cancellationToken)
    {
        if (!_scopes.TryGetValue(request.Text, out var scope)
            || !_entries.TryGetValue(Key(request, scope), out var entry)
            || clock.GetTimestamp() >= entry.ValidUntil)
        {
            return null;
        }

        return await CatalogueVersionAsync(cancellationToken) == entry.CatalogueVersion ? entry.Answer : null;
    }

    /// <summary>Whether <paramref name="result"/> is an answer this cache holds (when its request was prepared).</summary>
    public static bool Holds(ExecutionResult result) => ScopeOf(result) is not null;

    /// <summary>Keeps the answer of <paramref name="result"/> when it is one this cache holds.</summary>
    public async ValueTask AddAsync(
        CacheRequest request, long catalogueVersion, ExecutionResult result, Inputs? variables, byte[] answer, CancellationToken cancellationToken)
    {
        if (ScopeOf(result) is not { } scope || (scope == AnswerScope.PerCaller && request.User is null))
        {
            return;
        }

        var validFor = _maxAge;
        if (scope == AnswerScope.PerCaller)
        {
            foreach (var expiresAt in VerifiedTokenExpiries(result.Operation!, variables))
            {
                var left = expiresAt - clock.GetUtcNow();
                validFor = left < validFor ? left : validFor;
            }
        }

        // The catalogue changed while the answer was computed: it may mix both versions.
        if (validFor <= TimeSpan.Zero || await CatalogueVersionAsync(cancellationToken) != catalogueVersion)
        {
            return;
        }

        if (_entries.Count >= MaxEntries || Interlocked.Add(ref _answerBytes, answer.Length) > MaxAnswerBytes)
        {
            Clear();
            Interlocked.Add(ref _answerBytes, answer.Length);
        }

        _scopes[request.Text] = scope;
        _entries[Key(request, scope)] = new Entry(catalogueVersion, clock.GetTimestamp() + (long)(validFor.TotalSeconds * clock.TimestampFrequency), answer);
    }

    /// <summary>Forgets every answer (after a change on this silo that the catalogue's version does not cover).</summary>
    public void Clear()
    {
        _entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
        _scopes = new ConcurrentDictionary<string, AnswerScope>(StringComparer.Ordinal);
        Interlocked.Exchange(ref _answerBytes, 0);
    }

    private static string Key(CacheRequest request, AnswerScope scope) => (scope, request.User) switch
    {
        // the id's length first: no id and text can spell another pair's key
        (AnswerScope.PerCaller, { } user) => string.Create(CultureInfo.InvariantCulture, $"user:{user.Id.Length}:{user.Id} {request.Text}"),
        (_, null) => "anonymous " + request.Text,
        _ => "user " + request.Text,
    };

    /// <summary>Whether an executed answer without errors may be cached, and for whom.</summary>
    private static AnswerScope? ScopeOf(ExecutionResult result)
    {
        if (result is not { Executed: true, Operation: { Operation: OperationType.Query } operation }
            || result.Errors is { Count: > 0 })
        {
            return null;
        }

        var verifies = false;
        foreach (var selection in operation.SelectionSet.Selections)
        {
            if (selection is not GraphQLField field)
            {
                return null;
            }

            var name = field.Name.StringValue;
            if (name == VerifyToken)
            {
                verifies = true;
            }
            else if (!CatalogueRootFields.Contains(name))
            {
                return null;
            }
        }

        return verifies ? AnswerScope.PerCaller : AnswerScope.SharedByCallers;
    }

    /// <summary>The expiry of each token the operation verifies that has a readable one (a token that is not a JWT never becomes valid).</summary>
    private static IEnumerable<DateTimeOffset> VerifiedTokenExpiries(GraphQLOperationDefinition operation, Inputs? variables)
    {
        foreach (var field in operation.SelectionSet.Selections.OfType<GraphQLField>().Where(f => f.Name.StringValue == VerifyToken))
        {
            var token = field.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == "token")?.Value switch
            {
                GraphQLStringValue literal => literal.Value.ToString(),
                GraphQLVariable variable => variables?.TryGetValue(variable.Name.StringValue, out var value) == true ? value as string : null,
                _ => null,
            };
            DateTimeOffset? expiresAt = null;
            try
            {
                if (token is not null && new JsonWebToken(token).ValidTo is var validTo && validTo != DateTime.MinValue)
                {
                    expiresAt = new DateTimeOffset(validTo, TimeSpan.Zero);
                }
            }
            catch (ArgumentException)
            {
                // not a JWT: the answer says so, and will keep saying so
            }

            if (expiresAt is { } known)
            {
                yield return known;
            }
        }
    }

    /// <summary>A request as the cache knows it: its method and text, and the caller.</summary>
    public sealed record CacheRequest(string Text, PortalUser? User);

    private sealed record Entry(long CatalogueVersion, long ValidUntil, byte[] Answer);
}
