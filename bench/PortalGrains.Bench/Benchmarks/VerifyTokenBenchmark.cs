using System.Text;
using System.Text.Json;
using PortalGrains.Bench.Infrastructure;

namespace PortalGrains.Bench.Benchmarks;

/// <summary>
/// verifyToken with a real client_credentials token of a provisioned application, against the bare endpoint; counts
/// the JWKS fetches at the IdP from the portal's start to the end of the run.
/// </summary>
public static class VerifyTokenBenchmark
{
    public const string VerifyQuery = """
        query($token: String!) { verifyToken(token: $token) { valid reason issuer clientId scopes expiresAt applicationId products { id } plans { id } } }
        """;

    public static async Task<bool> RunAsync(BenchContext context)
    {
        var report = context.Report;
        report.Line("## verify-token: verifyToken of a provisioned client's token, owner's login token");
        using var http = BenchContext.NewHttpClient(context.Options.Connections);
        var idpStats = new Portal.PortalClient(http, new Uri("http://127.0.0.1/"), context.Servers.Idp);
        var jwksAtStart = await idpStats.JwksFetchesAsync();

        await using var portal = await context.StartPortalAsync();
        var client = context.Client(http, portal);
        var admin = await client.LoginTokenAsync("bench-admin", "portal:admin");
        var owner = await client.LoginTokenAsync("bench-owner");
        var provider = await client.UpsertProviderAsync(admin, "bench-idp");
        var product = await client.UpsertProductAsync(admin, provider, "Orders", "orders:read", "Orders API");
        var plan = await client.UpsertPlanAsync(admin, "Gold", "orders:gold", autoApprove: false);
        var checkout = await client.CheckoutAsync(owner, product, plan, "bench app");
        var approved = await client.ApproveAsync(admin, checkout.RequestId);
        if (approved.Status != "ACTIVE")
        {
            approved = await Waiting.UntilAsync(() => client.AccessRequestStatusAsync(owner, checkout.RequestId),
                s => s.Status is "ACTIVE" or "FAILED", TimeSpan.FromSeconds(60), "the access request becoming ACTIVE");
        }

        if (approved.Status != "ACTIVE")
        {
            throw new InvalidOperationException($"the access request ended {approved.Status}: {approved.FailureReason}");
        }

        var token = await client.ClientTokenAsync(owner, checkout.ApplicationId, "orders:read orders:gold");
        var body = JsonSerializer.SerializeToUtf8Bytes(new { query = VerifyQuery, variables = new { token } });
        var answer = await client.PostOnceAsync(body, owner);
        using (var verdict = JsonDocument.Parse(answer))
        {
            var verification = verdict.RootElement.GetProperty("data").GetProperty("verifyToken");
            if (!verification.GetProperty("valid").GetBoolean() || verification.GetProperty("applicationId").GetString() != checkout.ApplicationId)
            {
                throw new InvalidOperationException("unexpected verdict: " + Encoding.UTF8.GetString(answer));
            }
        }

        report.Line($"answer: {answer.Length} bytes, request body: {body.Length} bytes");
        var jwksBeforeLoad = await client.JwksFetchesAsync();
        await using var bare = await BareEndpointProcess.StartAsync(answer);
        var valid = "\"valid\":true"u8.ToArray();
        var repetitions = await new LoadComparison(context, http).RunAsync(
        [
            new LoadTarget("portal: verifyToken", portal.GraphQLUrl, body, owner, valid),
            new LoadTarget("bare ASP.NET Core, same JSON from memory", bare.GraphQLUrl, body, owner, valid),
        ]);
        var jwksAtEnd = await client.JwksFetchesAsync();

        var ratio = LoadComparison.RatioToCeiling(repetitions, 0);
        var failures = repetitions.Sum(r => r.Sum(x => x.Failures));
        var duringLoad = jwksAtEnd - jwksBeforeLoad;
        var sincePortalStart = jwksAtEnd - jwksAtStart;
        report.Line($"verifyToken / bare: {BenchReport.Percent(ratio)} (target >= 50 %: {(ratio >= 0.5 ? "met" : "missed")})");
        report.Line($"JWKS fetches at the IdP: {sincePortalStart} from the portal's start to the end of the run "
            + $"(one provider, plus the portal's own login authentication, which trusts the same IdP), {duringLoad} during the load"
            + (context.Servers.OwnIdp ? "" : " (shared IdP: other clients' fetches count too)"));
        report.Result("verify-token",
            ("portal_rps", LoadComparison.Median(repetitions, 0, x => x.RequestsPerSecond)),
            ("portal_p50_ms", LoadComparison.Median(repetitions, 0, x => x.P50Milliseconds)),
            ("portal_p99_ms", LoadComparison.Median(repetitions, 0, x => x.P99Milliseconds)),
            ("bare_rps", LoadComparison.Median(repetitions, 1, x => x.RequestsPerSecond)),
            ("ratio", ratio),
            ("jwks_fetches_total", sincePortalStart),
            ("jwks_fetches_during_load", duringLoad),
            ("failures", failures));
        report.Line();
        return failures == 0;
    }
}
