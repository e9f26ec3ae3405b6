using System.Text.Json;
using PortalGrains.Bench.Infrastructure;

namespace PortalGrains.Bench.Benchmarks;

/// <summary>
/// The catalogue query of a portal's home page (20 products, 5 plans) with a developer's token, through HTTP,
/// authentication, GraphQL and the grains, against the bare endpoint answering the same JSON from memory. Measured
/// twice: as configured (answers of repeated catalogue queries served from the answer cache for a second), and on a
/// second portal over the same stored catalogue with the answer cache off (<c>GraphQL:QueryAnswerMaxAge=0</c>), so
/// that every request is parsed, validated and executed.
/// </summary>
public static class CatalogBenchmark
{
    public const int Products = 20;
    public const int Plans = 5;

    public const string HomePageQuery = """
        query HomePage {
          products { id name description scopes clientTypes { id name } }
          plans { id name description scopes autoApprove rateLimit { requests perSeconds } quota { requests periodSeconds } }
        }
        """;

    private static readonly Dictionary<string, string> UncachedSettings = new() { ["GraphQL__QueryAnswerMaxAge"] = "00:00:00" };

    public static async Task<bool> RunAsync(BenchContext context)
    {
        var report = context.Report;
        report.Line("## catalog: home page query (20 products, 5 plans), developer token");
        await using var portal = await context.StartPortalAsync();
        using var http = BenchContext.NewHttpClient(context.Options.Connections);
        var client = context.Client(http, portal);

        var admin = await client.LoginTokenAsync("bench-admin", "portal:admin");
        var developer = await client.LoginTokenAsync("bench-developer");
        var provider = await client.UpsertProviderAsync(admin, "bench-idp");
        for (var i = 1; i <= Products; i++)
        {
            await client.UpsertProductAsync(admin, provider, $"Product {i:D2}", $"product{i:D2}:read",
                $"The API of product {i}: orders, invoices and the like, described at the length a catalogue card has.");
        }

        foreach (var plan in new[] { "Free", "Bronze", "Silver", "Gold", "Platinum" })
        {
            await client.UpsertPlanAsync(admin, plan, "plan:" + plan.ToLowerInvariant(), autoApprove: plan == "Free");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new { query = HomePageQuery, operationName = "HomePage" });
        var answer = await client.PostOnceAsync(body, developer);
        using (var page = JsonDocument.Parse(answer))
        {
            var data = page.RootElement.GetProperty("data");
            if (page.RootElement.TryGetProperty("errors", out _) || data.GetProperty("products").GetArrayLength() != Products
                || data.GetProperty("plans").GetArrayLength() != Plans
                || data.GetProperty("products")[0].GetProperty("clientTypes").GetArrayLength() != 1)
            {
                throw new InvalidOperationException("unexpected home page answer: " + System.Text.Encoding.UTF8.GetString(answer));
            }
        }

        await using var uncachedPortal = await context.StartPortalAsync(portal.ServiceId, UncachedSettings);
        var uncachedAnswer = await context.Client(http, uncachedPortal).PostOnceAsync(body, developer);
        if (!uncachedAnswer.AsSpan().SequenceEqual(answer))
        {
            throw new InvalidOperationException("the portal without the answer cache answered differently: "
                + System.Text.Encoding.UTF8.GetString(uncachedAnswer));
        }

        report.Line($"answer: {answer.Length} bytes, request body: {body.Length} bytes");
        await using var bare = await BareEndpointProcess.StartAsync(answer);
        var expected = "\"quota\""u8.ToArray();
        var repetitions = await new LoadComparison(context, http).RunAsync(
        [
            new LoadTarget("portal: home page catalogue", portal.GraphQLUrl, body, developer, expected),
            new LoadTarget("portal without the answer cache", uncachedPortal.GraphQLUrl, body, developer, expected),
            new LoadTarget("bare ASP.NET Core, same JSON from memory", bare.GraphQLUrl, body, developer, expected),
        ]);

        var ratio = LoadComparison.RatioToCeiling(repetitions, 0);
        var uncachedRatio = LoadComparison.RatioToCeiling(repetitions, 1);
        var failures = repetitions.Sum(r => r.Sum(x => x.Failures));
        report.Line($"catalog / bare: {BenchReport.Percent(ratio)}; without the answer cache: {BenchReport.Percent(uncachedRatio)} "
            + $"(target >= 50 % without it: {(uncachedRatio >= 0.5 ? "met" : "missed")})");
        report.Result("catalog",
            ("portal_rps", LoadComparison.Median(repetitions, 0, x => x.RequestsPerSecond)),
            ("portal_p50_ms", LoadComparison.Median(repetitions, 0, x => x.P50Milliseconds)),
            ("portal_p99_ms", LoadComparison.Median(repetitions, 0, x => x.P99Milliseconds)),
            ("uncached_rps", LoadComparison.Median(repetitions, 1, x => x.RequestsPerSecond)),
            ("uncached_p50_ms", LoadComparison.Median(repetitions, 1, x => x.P50Milliseconds)),
            ("uncached_p99_ms", LoadComparison.Median(repetitions, 1, x => x.P99Milliseconds)),
            ("bare_rps", LoadComparison.Median(repetitions, 2, x => x.RequestsPerSecond)),
            ("bare_p50_ms", LoadComparison.Median(repetitions, 2, x => x.P50Milliseconds)),
            ("bare_p99_ms", LoadComparison.Median(repetitions, 2, x => x.P99Milliseconds)),
            ("ratio", ratio),
            ("uncached_ratio", uncachedRatio),
            ("failures", failures));
        report.Line();
        return failures == 0;
    }
}
