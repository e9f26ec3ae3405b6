using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using PortalGrains.GraphQL.Execution;

namespace PortalGrains.GraphQL.Tests.Execution;

/// <summary>
/// The validated-document cache in front of GraphQL.NET's executer: a known document is parsed and validated once per
/// schema; variables, argument validators and the complexity of operations with variables are checked on every request;
/// a document that fails validation gets its errors every time and is never kept.
/// </summary>
public sealed class ValidatedDocumentCacheTests
{
    private readonly ValidatedDocumentCache _cache = new(1024 * 1024);
    private readonly CountingDocumentBuilder _parser = new();
    private readonly CountingRule _documentRule = new();
    private readonly CountingComplexityRule _complexity = new();
    private readonly ISchema _schema = NewSchema();

    [Fact]
    public async Task A_known_document_is_parsed_and_validated_once()
    {
        for (var i = 0; i < 3; i++)
        {
            var result = await ExecuteAsync("{ hello }");
            Assert.True(result is { Executed: true, Errors: null }, Describe(result));
        }

        Assert.Equal(1, _parser.Builds);
        Assert.Equal(1, _documentRule.Runs);
        Assert.Equal(1, _complexity.Runs);
        Assert.Equal(1, _cache.Count);
    }

    [Fact]
    public async Task A_different_document_is_validated()
    {
        await ExecuteAsync("{ hello }");
        var other = await ExecuteAsync("{ hello echo(n: 2) }");

        Assert.True(other.Executed, Describe(other));
        Assert.Equal(2, _parser.Builds);
        Assert.Equal(2, _documentRule.Runs);
    }

    [Fact]
    public async Task A_known_document_is_validated_again_against_another_schema()
    {
        await ExecuteAsync("{ hello }");
        var other = await ExecuteAsync("{ hello }", schema: NewSchema());

        Assert.True(other.Executed, Describe(other));
        Assert.Equal(2, _parser.Builds);
        Assert.Equal(2, _documentRule.Runs);
    }

    [Fact]
    public async Task The_variables_of_a_known_document_are_checked_on_every_request()
    {
        const string query = "query($n: Int!) { echo(n: $n) }";
        var first = await ExecuteAsync(query, new Inputs(new Dictionary<string, object?> { ["n"] = 1 }));
        var second = await ExecuteAsync(query, new Inputs(new Dictionary<string, object?> { ["n"] = 2 }));
        var missing = await ExecuteAsync(query);
        var wrongType = await ExecuteAsync(query, new Inputs(new Dictionary<string, object?> { ["n"] = "two" }));
        var refusedByValidator = await ExecuteAsync(query, new Inputs(new Dictionary<string, object?> { ["n"] = -1 }));

        Assert.Equal(1, Echoed(first));
        Assert.Equal(2, Echoed(second));
        Assert.All([missing, wrongType, refusedByValidator], r => Assert.True(r is { Executed: false, Errors.Count: > 0 }, Describe(r)));
        Assert.Equal(1, _parser.Builds);
        Assert.Equal(1, _documentRule.Runs);
        // The complexity of an operation with variables depends on them: analysed for each request that got that far.
        Assert.Equal(2, _complexity.Runs);
    }

    [Fact]
    public async Task A_document_that_fails_validation_gets_its_errors_every_time_and_is_not_kept()
    {
        var first = await ExecuteAsync("{ hello nope }");
        var second = await ExecuteAsync("{ hello nope }");

        Assert.All([first, second], r => Assert.Contains(r.Errors!, e => e.Message.Contains("nope", StringComparison.Ordinal)));
        Assert.Equal(2, _parser.Builds);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task A_rule_a_known_document_has_not_met_runs_and_its_refusal_is_returned()
    {
        await ExecuteAsync("{ hello }");
        var refusing = new CountingRule { Refuse = true };

        var refused = await ExecuteAsync("{ hello }", extraRule: refusing);
        var again = await ExecuteAsync("{ hello }", extraRule: refusing);

        Assert.All([refused, again], r => Assert.True(r is { Executed: false, Errors.Count: 1 }, Describe(r)));
        Assert.Equal(2, refusing.Runs);
        Assert.Equal(1, _documentRule.Runs);
    }

    [Fact]
    public async Task A_rule_a_known_document_passed_later_is_not_run_again()
    {
        var later = new CountingRule();
        await ExecuteAsync("{ hello }");
        await ExecuteAsync("{ hello }", extraRule: later);
        await ExecuteAsync("{ hello }", extraRule: later);

        Assert.Equal(1, later.Runs);
        Assert.Equal(1, _parser.Builds);
    }

    private async Task<ExecutionResult> ExecuteAsync(string query, Inputs? variables = null, ISchema? schema = null, IValidationRule? extraRule = null)
    {
        var executer = new DocumentExecuter(_parser, new DocumentValidator(), new DefaultExecutionStrategySelector(), [_cache]);
        IEnumerable<IValidationRule> rules = DocumentValidator.CoreRules.Append(_documentRule).Append(_complexity);
        return await executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema ?? _schema,
            Query = query,
            Variables = variables,
            ValidationRules = extraRule is null ? rules : rules.Append(extraRule),
        });
    }

    private static int Echoed(ExecutionResult result) =>
        result.Executed && result.Data is ExecutionNode root && root.ToValue() is IDictionary<string, object?> data && data["echo"] is int n
            ? n
            : throw new InvalidOperationException(Describe(result));

    private static string Describe(ExecutionResult result) =>
        $"executed {result.Executed}; errors: {string.Join("; ", result.Errors?.Select(e => e.Message) ?? [])}";

    private static global::GraphQL.Types.Schema NewSchema()
    {
        var query = new ObjectGraphType { Name = "Query" };
        query.Field<StringGraphType>("hello").Resolve(_ => "world");
        query.Field<IntGraphType>("echo")
            .Argument<NonNullGraphType<IntGraphType>>("n", a => a.Validate(value =>
            {
                if (value is int n && n < 0)
                {
                    throw new ArgumentException("n must not be negative");
                }
            }))
            .Resolve(c => c.GetArgument<int>("n"));
        return new global::GraphQL.Types.Schema { Query = query };
    }

    private sealed class CountingDocumentBuilder : IDocumentBuilder
    {
        private readonly GraphQLDocumentBuilder _inner = new();
        private int _builds;

        public int Builds => _builds;

        public GraphQLDocument Build(string body)
        {
            Interlocked.Increment(ref _builds);
            return _inner.Build(body);
        }
    }

    private sealed class CountingRule : ValidationRuleBase, IDocumentOnlyValidationRule
    {
        private int _runs;

        public int Runs => _runs;

        public bool Refuse { get; init; }

        public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
        {
            Interlocked.Increment(ref _runs);
            if (Refuse)
            {
                context.ReportError(new ValidationError(context.Document.Source, null, "refused by the rule", context.Operation));
            }

            return default;
        }
    }

    private sealed class CountingComplexityRule() : ComplexityValidationRule(new ComplexityOptions { MaxComplexity = 1000, MaxDepth = 10 })
    {
        private int _runs;

        public int Runs => _runs;

        protected override ValueTask<(double TotalComplexity, int MaximumDepth)> CalculateComplexityAsync(ValidationContext context)
        {
            Interlocked.Increment(ref _runs);
            return base.CalculateComplexityAsync(context);
        }
    }
}
