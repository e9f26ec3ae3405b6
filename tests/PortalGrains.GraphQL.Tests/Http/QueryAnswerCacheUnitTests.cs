using System.Text;
using GraphQL;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.GraphQL.Auth;
using PortalGrains.GraphQL.Hosting;
using PortalGrains.GraphQL.Http;

namespace PortalGrains.GraphQL.Tests.Http;

/// <summary>How long and for whom <see cref="QueryAnswerCache"/> serves an answer, on a clock the test moves.</summary>
public sealed class QueryAnswerCacheUnitTests
{
    private const string VerifyQuery = "query($token: String!) { verifyToken(token: $token) { valid applicationId } }";

    private static readonly PortalUser Ada = new("ada", IsAdmin: false, Email: null, Name: null);
    private static readonly PortalUser Bob = new("bob", IsAdmin: false, Email: null, Name: null);
    private static readonly byte[] Answer = Encoding.UTF8.GetBytes("""{"data":{}}""");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly VersionedCatalog _catalog = new();

    [Fact]
    public async Task A_verification_is_served_to_its_caller_alone_and_not_past_the_tokens_expiry()
    {
        var cache = Cache(maxAge: TimeSpan.FromMinutes(1));
        var token = Jwt(_clock.GetUtcNow().AddSeconds(3));
        var ada = cache.Prepare("POST", Ada, "{verify}")!;
        await cache.AddAsync(ada, 1, Executed(VerifyQuery), new Inputs(new Dictionary<string, object?> { ["token"] = token }), Answer, default);

        Assert.Same(Answer, await cache.TryGetAsync(ada, default));
        Assert.Null(await cache.TryGetAsync(cache.Prepare("POST", Bob, "{verify}")!, default));
        Assert.Null(await cache.TryGetAsync(cache.Prepare("POST", null, "{verify}")!, default));
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Null(await cache.TryGetAsync(ada, default));
    }

    [Fact]
    public async Task A_catalogue_answer_is_shared_by_developers_until_the_catalogue_changes_or_it_ages()
    {
        var cache = Cache(maxAge: TimeSpan.FromSeconds(1));
        var ada = cache.Prepare("POST", Ada, "{products}")!;
        await cache.AddAsync(ada, 1, Executed("{ products { id } }"), null, Answer, default);

        Assert.Same(Answer, await cache.TryGetAsync(cache.Prepare("POST", Bob, "{products}")!, default));
        Assert.Null(await cache.TryGetAsync(cache.Prepare("POST", null, "{products}")!, default));
        Assert.Null(await cache.TryGetAsync(cache.Prepare("GET", Bob, "{products}")!, default));
        _catalog.Version = 2;
        Assert.Null(await cache.TryGetAsync(ada, default));

        _catalog.Version = 1;
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await cache.TryGetAsync(ada, default));
    }

    [Fact]
    public async Task Admins_other_root_fields_and_answers_with_errors_are_never_kept()
    {
        var cache = Cache(maxAge: TimeSpan.FromMinutes(1));
        Assert.Null(cache.Prepare("POST", Ada with { IsAdmin = true }, "{products}"));

        var viewer = cache.Prepare("POST", Ada, "{viewer}")!;
        await cache.AddAsync(viewer, 1, Executed("{ viewer { id } products { id } }"), null, Answer, default);
        var failed = cache.Prepare("POST", Ada, "{failed}")!;
        var withError = Executed("{ products { id } }");
        withError.AddError(new ExecutionError("boom"));
        await cache.AddAsync(failed, 1, withError, null, Answer, default);

        Assert.Null(await cache.TryGetAsync(viewer, default));
        Assert.Null(await cache.TryGetAsync(failed, default));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Answers_past_the_byte_budget_make_the_cache_start_afresh()
    {
        var cache = Cache(maxAge: TimeSpan.FromMinutes(1));
        var big = new byte[(int)(QueryAnswerCache.MaxAnswerBytes / 2) + 1];
        var first = cache.Prepare("POST", Ada, "{first}")!;
        var second = cache.Prepare("POST", Ada, "{second}")!;

        await cache.AddAsync(first, 1, Executed("{ products { id } }"), null, big, default);
        await cache.AddAsync(second, 1, Executed("{ plans { id } }"), null, big, default);

        Assert.Null(await cache.TryGetAsync(first, default));
        Assert.Same(big, await cache.TryGetAsync(second, default));
        Assert.Equal(1, cache.Count);
    }

    private QueryAnswerCache Cache(TimeSpan maxAge) =>
        new(_catalog, _clock, Options.Create(new GraphQLHostingOptions { QueryAnswerMaxAge = maxAge }));

    private static ExecutionResult Executed(string query)
    {
        var document = Parser.Parse(query);
        return new ExecutionResult { Executed = true, Document = document, Operation = document.Definitions.OfType<GraphQLOperationDefinition>().Single() };
    }

    private static string Jwt(DateTimeOffset expiresAt)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part("""{"alg":"RS256","typ":"JWT"}""")}.{Part($$"""{"sub":"client","exp":{{expiresAt.ToUnixTimeSeconds()}}}""")}.c2ln";
    }

    private sealed class VersionedCatalog : ICatalogReader
    {
        public long Version { get; set; } = 1;

        public ValueTask<CatalogSnapshot> GetAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(CatalogSnapshot.Empty with { Version = Version });

        public void Invalidate()
        {
        }
    }
}
