using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace PortalGrains.GraphQL.Execution;

/// <summary>
/// Keeps the parsed document of each query text that passed validation, so that a repeated query (a front end
/// sends the same few documents with different variables) is neither parsed nor re-validated against the core
/// rules, which depend on the document and the schema only. Every other rule still runs for a cached document:
/// those configured for the server (complexity, which reads the variables; introspection off) and those of the
/// request (GET allows queries only). GraphQL.NET 8 has no served document-cache package.
/// </summary>
/// <remarks>
/// Anyone, signed in or not, can send documents, so the cache is bounded by an estimate of the memory it holds
/// (<c>GraphQL:DocumentCacheBytes</c>) and evicts the least recently used documents: a flood of distinct documents
/// displaces itself and cannot pin memory.
/// </remarks>
public sealed class ParsedDocumentCache(long budgetBytes) : IConfigureExecution
{
    /// <summary>
    /// The estimated memory of a cached document per character of its text: the text (2 bytes a character, shared by
    /// the key and the syntax tree) and the syntax tree's nodes.
    /// </summary>
    public const int BytesPerCharacter = 16;

    private static readonly HashSet<IValidationRule> CoreRules = new(DocumentValidator.CoreRules, ReferenceEqualityComparer.Instance);

    private readonly ByteBudgetLruCache<GraphQLDocument> _documents = new(budgetBytes);

    /// <summary>After the options are configured (the complexity rule is added at the default order, 100).</summary>
    public float SortOrder => 300;

    public int Count => _documents.Count;

    public long TotalBytes => _documents.TotalBytes;

    public static long EstimatedBytes(string query) => (long)query.Length * BytesPerCharacter;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is null)
        {
            return await next(options).ConfigureAwait(false);
        }

        if (_documents.TryGet(options.Query, out var cached))
        {
            options.Document = cached;
            options.ValidationRules = (options.ValidationRules ?? DocumentValidator.CoreRules)
                .Where(rule => !CoreRules.Contains(rule))
                .Concat(options.CachedDocumentValidationRules ?? [])
                .Distinct(ReferenceEqualityComparer.Instance)
                .Cast<IValidationRule>()
                .ToArray();
            return await next(options).ConfigureAwait(false);
        }

        var result = await next(options).ConfigureAwait(false);
        // Executed: the document passed validation. A document that failed any rule is never kept.
        if (result.Executed && options.Document is { } parsed)
        {
            _documents.Set(options.Query, parsed, EstimatedBytes(options.Query));
        }

        return result;
    }
}
