using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;
using Xunit.Abstractions;

namespace PortalGrains.IntegrationTests.Reliability;

/// <summary>100 concurrent approve, reject and revoke mutations on overlapping requests and applications.</summary>
[Collection(PortalCollection.Name)]
public sealed class ConcurrentDecisionTests(PortalHost host, ITestOutputHelper output)
{
    private const int ApplicationCount = 6;
    private const int Mutations = 100;

    [Fact]
    public async Task Every_request_ends_in_one_consistent_state_and_each_client_carries_exactly_the_active_scopes()
    {
        var idp = DevIdentityProvider.Shared;
        var portal = new PortalScenario(host, idp);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
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
    }

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
