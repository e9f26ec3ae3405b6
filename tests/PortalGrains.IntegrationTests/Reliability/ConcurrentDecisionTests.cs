using System.Text.Json;
using PortalGrains.IntegrationTests.Faults;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;
using Xunit.Abstractions;

namespace PortalGrains.IntegrationTests.Reliability;

/// <summary>
/// 100 concurrent approve, reject and revoke mutations on overlapping requests and applications, with the IdP behind a
/// <see cref="FaultProxy"/> that holds every registration-endpoint answer a little, so that the IdP would see two calls
/// for one application in flight at once if the application's calls were not serialized.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ConcurrentDecisionTests(PortalHost host, ITestOutputHelper output)
{
    private const int ApplicationCount = 6;
    private const int Mutations = 100;

    /// <summary>Held before each registration-endpoint answer: 60, 40 or 20 ms, a third each (the first rule that hits applies).</summary>
    private static readonly (TimeSpan Delay, double Probability)[] RegistrationLatencies =
    [
        (TimeSpan.FromMilliseconds(60), 1.0 / 3),
        (TimeSpan.FromMilliseconds(40), 1.0 / 2),
        (TimeSpan.FromMilliseconds(20), 1),
    ];

    [Fact]
    public async Task Every_request_ends_in_one_consistent_state_and_each_client_carries_exactly_the_active_scopes()
    {
        await using var world = await FaultWorld.StartAsync(host, seed: 7);
        var idp = world.Idp;
        var portal = world.Portal;
        var admin = world.Admin;
        await world.CreateProviderAsync();
        foreach (var (delay, probability) in RegistrationLatencies)
        {
            world.Proxy.Add(new FaultRule("*", DevIdpRegistrationRoutes.AnyRegistrationPath, FaultKind.DelayResponse)
            {
                Delay = delay, Probability = probability,
            });
        }

        var products = new[]
        {
            await portal.CreateProductAsync(admin, "alpha", "alpha.read"),
            await portal.CreateProductAsync(admin, "beta", "beta.read"),
            await portal.CreateProductAsync(admin, "gamma", "gamma.read"),
        };
        var plan = await portal.CreatePlanAsync(admin, "basic", autoApprove: false, "plan.basic");

        var requests = new List<(string Request, string Application, string Developer, string Scope)>();
        for (var a = 0; a < ApplicationCount; a++)
        {
            var developer = await portal.DeveloperTokenAsync($"con{a}");
            string? application = null;
            for (var p = 0; p < products.Length; p++)
            {
                var (request, app) = await portal.CheckoutAsync(developer, products[p], plan, application);
                application = app;
                requests.Add((request, app, developer, portal.Scope(new[] { "alpha.read", "beta.read", "gamma.read" }[p])));
            }
        }

        var random = new Random(7);
        var mutations = Enumerable.Range(0, Mutations).Select(_ =>
        {
            var target = requests[random.Next(requests.Count)];
            var (name, token) = random.Next(3) switch
            {
                0 or 1 => ("approveAccessRequest", admin),
                _ when random.Next(2) == 0 => ("rejectAccessRequest", admin),
                _ => ("revokeAccessRequest", random.Next(2) == 0 ? admin : target.Developer),
            };
            return portal.GraphQL.SendAsync(
                $"mutation($input: DecideInput!) {{ {name}(input: $input) {{ accessRequest {{ status }} errors {{ code message }} }} }}",
                new { input = new { id = target.Request, reason = "concurrency" } }, token);
        }).ToList();
        var answers = await Task.WhenAll(mutations);

        // Refusals are user errors (e.g. rejecting an ACTIVE request); nothing surfaces as a GraphQL error or a conflict.
        Assert.All(answers, a => Assert.False(a.HasErrors, a.ToString()));
        var userErrors = answers.SelectMany(a => a.Data.EnumerateObject().First().Value.GetProperty("errors").EnumerateArray())
            .Select(e => e.GetProperty("code").GetString()).ToList();
        Assert.DoesNotContain("CONFLICT", userErrors);
        output.WriteLine($"mutations: {Mutations}; refused as user errors: {userErrors.Count} ({string.Join(", ", userErrors.GroupBy(c => c).Select(g => $"{g.Key} {g.Count()}"))})");

        var final = await Eventually.ReturnsAsync(
            async () => await Task.WhenAll(requests.Select(r => StateAsync(portal, admin, r.Request))),
            states => states.All(s => s.Status is not "PROVISIONING"),
            TimeSpan.FromSeconds(60),
            "every request leaving PROVISIONING");
        output.WriteLine("final states: " + string.Join(", ", final.GroupBy(s => s.Status).Select(g => $"{g.Key} {g.Count()}")));

        for (var i = 0; i < requests.Count; i++)
        {
            Assert.True(IsValidHistory(final[i].History), $"request {requests[i].Request} has an impossible history: {string.Join(" -> ", final[i].History)}");
        }

        foreach (var application in requests.GroupBy(r => r.Application))
        {
            var activeScopes = application.Where(r => final[requests.IndexOf(r)].Status == "ACTIVE")
                .SelectMany(r => new[] { r.Scope, portal.Scope("plan.basic") }).ToHashSet();
            var clients = await idp.ClientsOfApplicationAsync(application.Key);
            if (activeScopes.Count == 0)
            {
                Assert.Empty(clients);
                continue;
            }

            var client = Assert.Single(clients);
            Assert.Equal(activeScopes.Order(), client.GetProperty("scope").GetString()!.Split(' ').Order());
        }

        var exchanges = await EndedExchangesAsync(world.Proxy);
        world.PrintProxyFigures(output);
        AssertNoApplicationHadTwoRegistrationCallsInFlight(exchanges, requests.Count);
        await AssertTheProxySeesOverlappingCallsAsync(world.Proxy);
    }

    /// <summary>
    /// The measurement can see an overlap: three registration-endpoint reads sent at once through the proxy, held like
    /// the portal's calls, are seen in flight together. (Whether the portal's own calls for different applications
    /// overlapped depends on how the random decisions fell.)
    /// </summary>
    private async Task AssertTheProxySeesOverlappingCallsAsync(FaultProxy proxy)
    {
        const string probePath = "/reg/overlap-probe-";
        using var http = new HttpClient();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(async i =>
        {
            using var response = await http.GetAsync(new Uri($"{proxy.BaseUrl}{probePath}{i}"));
        }));
        var probes = (await EndedExchangesAsync(proxy)).Where(e => e.Path.StartsWith(probePath, StringComparison.Ordinal)).ToList();
        var inFlight = RegistrationCallTimeline.MaxInFlight(probes);
        output.WriteLine($"probe: {probes.Count} reads sent at once, at most {inFlight} in flight together at the proxy");
        Assert.Equal(3, probes.Count);
        Assert.True(inFlight > 1, "three reads sent at once were never in flight together: "
            + string.Join("; ", probes.Select(RegistrationCallTimeline.Describe)));
    }

    /// <summary>
    /// The Application grain is the only caller of the IdP for its application and handles one command at a time: at
    /// the IdP, the registration-endpoint calls of one application never overlap.
    /// </summary>
    private void AssertNoApplicationHadTwoRegistrationCallsInFlight(IReadOnlyList<ProxiedExchange> exchanges, int requestCount)
    {
        var timeline = RegistrationCallTimeline.Of(exchanges);
        var maxInFlight = RegistrationCallTimeline.MaxInFlight(timeline.Calls);
        var maxInFlightPerApplication = timeline.ByApplication.Values.Select(RegistrationCallTimeline.MaxInFlight).DefaultIfEmpty(0).Max();
        output.WriteLine($"requests: {requestCount}; proxied exchanges: {exchanges.Count}; registration-endpoint calls: {timeline.Calls.Count} "
            + $"({string.Join(", ", timeline.Calls.GroupBy(c => c.Method).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))}) "
            + $"for {timeline.ByApplication.Count} applications");
        output.WriteLine($"registration calls in flight at once: at most {maxInFlight} overall, at most {maxInFlightPerApplication} per application");

        Assert.True(timeline.Unattributed.Count == 0,
            "registration-endpoint calls of no known application:\n" + string.Join("\n", timeline.Unattributed.Select(RegistrationCallTimeline.Describe)));
        Assert.True(timeline.ByApplication.Count > 1, $"registration calls of {timeline.ByApplication.Count} application(s) only");
        var overlaps = timeline.ByApplication
            .SelectMany(a => RegistrationCallTimeline.Overlaps(a.Value).Select(o =>
                $"application {a.Key}: {RegistrationCallTimeline.Describe(o.Earlier)} overlaps {RegistrationCallTimeline.Describe(o.Later)}"))
            .ToList();
        Assert.True(overlaps.Count == 0,
            $"{overlaps.Count} pair(s) of registration calls of one application were in flight at the IdP at once:\n" + string.Join("\n", overlaps));
        Assert.Equal(1, maxInFlightPerApplication);
    }

    /// <summary>What the proxy saw, once no registration answer is still being written.</summary>
    private static async Task<IReadOnlyList<ProxiedExchange>> EndedExchangesAsync(FaultProxy proxy) =>
        await Eventually.ReturnsAsync(
            () => Task.FromResult(proxy.Exchanges),
            exchanges => exchanges.All(e => !e.IsRegistrationCall || e.Ended is not null),
            TimeSpan.FromSeconds(10),
            "every registration answer written by the proxy");

    private static bool IsValidHistory(IReadOnlyList<string> statuses)
    {
        var allowed = new Dictionary<string, string[]>
        {
            ["PENDING"] = ["PROVISIONING", "REJECTED", "REVOKED"],
            ["PROVISIONING"] = ["ACTIVE", "FAILED", "REVOKED"],
            ["FAILED"] = ["PROVISIONING", "ACTIVE", "REVOKED"],
            ["ACTIVE"] = ["REVOKED"],
            ["REJECTED"] = [],
            ["REVOKED"] = [],
        };
        return statuses[0] == "PENDING" && statuses.Zip(statuses.Skip(1)).All(t => allowed[t.First].Contains(t.Second));
    }

    private static async Task<(string Status, IReadOnlyList<string> History)> StateAsync(PortalScenario portal, string admin, string requestId)
    {
        var request = (await portal.GraphQL.SendAsync("query($id: ID!) { accessRequest(id: $id) { status history { to } } }", new { id = requestId }, admin))
            .At("accessRequest");
        return (request.GetProperty("status").GetString()!, [.. request.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()!)]);
    }
}
