using GraphQL;
using GraphQL.DI;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;

namespace PortalGrains.GraphQL.Execution;

/// <summary>
/// Keeps each query text (with its operation name) that passed validation, parsed, with the validation rules it
/// passed, so that a repeated query (a front end sends the same few documents with different variables) is neither
/// parsed nor validated again by rules that depend on the schema and the document only: the core rules, the
/// <see cref="IDocumentOnlyValidationRule"/>s, and the complexity analysis of an operation without variables. What
/// depends on the request still runs every time: the variables are coerced and checked, the arguments parsed and
/// their validators run, the complexity of an operation with variables analysed, and any rule the document has not
/// passed yet (GET allows queries only) applied. A document validated against another schema is validated afresh.
/// GraphQL.NET 8 has no served document-cache package.
/// </summary>
/// <remarks>
/// Anyone, signed in or not, can send documents, so the cache is bounded by an estimate of the memory it holds
/// (<c>GraphQL:DocumentCacheBytes</c>) and evicts the least recently used documents: a flood of distinct documents
/// displaces itself and cannot pin memory.
/// </remarks>
public sealed class ValidatedDocumentCache(long budgetBytes) : IConfigureExecution
{
    /// <summary>
    /// The estimated memory of a cached document per character of its text: the text (2 bytes a character, shared by
    /// the key and the syntax tree) and the syntax tree's nodes.
    /// </summary>
    public const int BytesPerCharacter = 16;

    private static readonly HashSet<IValidationRule> CoreRules = new(DocumentValidator.CoreRules, ReferenceEqualityComparer.Instance);

    private readonly ByteBudgetLruCache<Entry> _documents = new(budgetBytes);

    /// <summary>After the options are configured (the complexity rule is added at the default order, 100).</summary>
    public float SortOrder => 300;

    public int Count => _documents.Count;

    public long TotalBytes => _documents.TotalBytes;

    public static long EstimatedBytes(string query) => (long)query.Length * BytesPerCharacter;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is null || options.Schema is not { } schema)
        {
            return await next(options).ConfigureAwait(false);
        }

        var key = options.OperationName is null ? options.Query : string.Concat(options.Query, "\n#operation ", options.OperationName);
        var rules = options.ValidationRules ?? DocumentValidator.CoreRules;
        if (_documents.TryGet(key, out var entry) && ReferenceEquals(entry.Schema, schema))
        {
            var pending = Pending(rules.Concat(options.CachedDocumentValidationRules ?? []), entry.Passed);
            options.Document = entry.Document;
            options.ValidationRules = pending;
            var rerun = await next(options).ConfigureAwait(false);
            // A rule the document had not met yet (a GET after POSTs) is not run again once it passed.
            if (rerun.Executed && Skippable(pending, entry.HasVariables) is { Count: > 0 } passedNow)
            {
                passedNow.UnionWith(entry.Passed);
                _documents.Set(key, entry with { Passed = passedNow }, EstimatedBytes(key));
            }

            return rerun;
        }

        var result = await next(options).ConfigureAwait(false);
        // Executed: the document passed validation. A document that failed any rule is never kept.
        if (result is { Executed: true, Document: { } document, Operation: { } operation })
        {
            var hasVariables = operation.Variables is { Count: > 0 };
            _documents.Set(key, new Entry(schema, document, hasVariables, Skippable(rules, hasVariables)), EstimatedBytes(key));
        }

        return result;
    }

    /// <summary>The rules of the request that the document has not passed, each once.</summary>
    private static IValidationRule[] Pending(IEnumerable<IValidationRule> rules, HashSet<IValidationRule> passed)
    {
        List<IValidationRule>? pending = null;
        foreach (var rule in rules)
        {
            if (!passed.Contains(rule) && (pending is null || !pending.Contains(rule)))
            {
                (pending ??= []).Add(rule);
            }
        }

        return pending is null ? [] : [.. pending];
    }

    /// <summary>The rules among <paramref name="rules"/> whose outcome for the document cannot change with the request.</summary>
    private static HashSet<IValidationRule> Skippable(IEnumerable<IValidationRule> rules, bool hasVariables)
    {
        var skippable = new HashSet<IValidationRule>(ReferenceEqualityComparer.Instance);
        foreach (var rule in rules)
        {
            if (CoreRules.Contains(rule) || rule is IDocumentOnlyValidationRule || (rule is ComplexityValidationRule && !hasVariables))
            {
                skippable.Add(rule);
            }
        }

        return skippable;
    }

    /// <param name="Passed">The rules the document passed that need not run for it again (compared by reference).</param>
    private sealed record Entry(ISchema Schema, GraphQLDocument Document, bool HasVariables, HashSet<IValidationRule> Passed);
}
