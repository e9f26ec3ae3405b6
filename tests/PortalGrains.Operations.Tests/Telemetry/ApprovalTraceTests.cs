using System.Security.Cryptography;
using PortalGrains.Operations.Tests.Infrastructure;
using PortalGrains.Operations.Tests.Otlp;
using PortalGrains.Testing;
using Xunit.Abstractions;

namespace PortalGrains.Operations.Tests.Telemetry;

public sealed class ApprovalTraceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task One_approval_is_one_trace_from_the_GraphQL_request_through_the_grains_to_the_IdP_registration()
    {
        TestServers.RequireAzurite();
        var idp = DevIdentityProvider.Shared;
        await idp.WaitUntilUpAsync(TimeSpan.FromSeconds(30));
        await using var collector = OtlpReceiver.Start();
        var environment = TestHostSettings.Base("otel-" + Guid.NewGuid().ToString("N")[..10]);
        environment["Telemetry__OtlpEndpoint"] = collector.Endpoint.ToString();
        var metricsPort = FreePort.Next();
        environment["Telemetry__MetricsPort"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Export batches quickly (OpenTelemetry SDK environment variables, milliseconds).
        environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        environment["OTEL_BLRP_SCHEDULE_DELAY"] = "200";
        environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        await using var host = HostProcess.Start(environment);
        using (var probe = new HttpClient())
        {
            await host.WaitUntilHealthyAsync(probe, TimeSpan.FromSeconds(90));
        }

        using var api = new PortalApi(host.BaseAddress);

        var catalogue = await PortalCatalogue.CreateAsync(api, idp);
        var developer = await idp.LoginTokenAsync("dev-" + catalogue.Suffix, "dev@example.com");
        var requestId = (await api.SendAsync(PortalCatalogue.CheckoutMutation, catalogue.CheckoutVariables(1), developer))
            .Payload("checkout").GetProperty("accessRequest").GetProperty("id").GetString()!;

        // The approval arrives with a sampled W3C traceparent (www.w3.org/TR/trace-context/#traceparent-header): the
        // portal continues that trace, so its id is known here.
        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var approved = await api.SendAsync(PortalCatalogue.ApproveMutation, new { input = new { id = requestId } }, catalogue.AdminToken,
            traceParent: $"00-{traceId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01");
        Assert.Equal("ACTIVE", approved.Payload("approveAccessRequest").GetProperty("accessRequest").GetProperty("status").GetString());

        var trace = await Eventually.ReturnsAsync(
            () => Task.FromResult(collector.Spans.Where(s => s.TraceId == traceId).ToList()),
            spans => spans.Any(IsGraphQLRequest) && spans.Any(IsGrainCall("ApproveAsync")) && spans.Any(IsGrainCall("GrantAsync"))
                && spans.Any(IsRegistrationAt(idp)),
            TimeSpan.FromSeconds(30),
            "the approval's spans at the collector");
        foreach (var span in trace)
        {
            output.WriteLine(span.ToString());
        }

        // One trace: every span but the request's own has its parent inside the trace.
        var ids = trace.Select(s => s.SpanId).ToHashSet();
        var request = Assert.Single(trace, IsGraphQLRequest);
        Assert.All(trace.Where(s => s != request), s => Assert.Contains(s.ParentSpanId, ids));
        Assert.True(IsBelow(trace.Single(IsRegistrationAt(idp)), request, trace), "the IdP registration is not under the GraphQL request");

        // Logs written while handling the approval carry its trace id.
        var logs = await Eventually.ReturnsAsync(
            () => Task.FromResult(collector.Logs.Where(l => l.TraceId == traceId).ToList()), l => l.Count > 0,
            TimeSpan.FromSeconds(30), "log records of the approval at the collector");
        output.WriteLine(string.Join('\n', logs));

        // Metrics: pushed over OTLP and scraped by Prometheus.
        await Eventually.ReturnsAsync(() => Task.FromResult(collector.MetricExports), n => n > 0, TimeSpan.FromSeconds(30), "a metrics export");
        using var http = new HttpClient();
        var scrape = await http.GetStringAsync(new UriBuilder(host.BaseAddress) { Port = metricsPort, Path = "/metrics" }.Uri);
        Assert.Contains("http_server_request_duration_seconds", scrape, StringComparison.Ordinal);
        Assert.Contains("orleans_", scrape, StringComparison.Ordinal);
    }

    private static bool IsGraphQLRequest(ReceivedSpan span) =>
        span.Kind == ReceivedSpan.KindServer && span.Scope == "Microsoft.AspNetCore"
        && span.Attributes.GetValueOrDefault("url.path") == "/graphql";

    private static Func<ReceivedSpan, bool> IsGrainCall(string method) => span =>
        span.Scope.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && span.Name.EndsWith("/" + method, StringComparison.Ordinal);

    private static Func<ReceivedSpan, bool> IsRegistrationAt(DevIdentityProvider idp) => span =>
        span.Kind == ReceivedSpan.KindClient && span.Scope == "System.Net.Http"
        && span.Attributes.GetValueOrDefault("http.request.method") == "POST"
        && (span.Attributes.GetValueOrDefault("url.full") ?? "").StartsWith(idp.IssuerText + "/reg", StringComparison.Ordinal);

    private static bool IsBelow(ReceivedSpan span, ReceivedSpan ancestor, IReadOnlyList<ReceivedSpan> trace)
    {
        var byId = trace.ToDictionary(s => s.SpanId);
        for (var current = span; byId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
        {
            if (parent.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}
