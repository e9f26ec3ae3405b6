using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;
using Xunit.Abstractions;

namespace PortalGrains.IntegrationTests.Reliability;

/// <summary>No lost work across crashes: a silo of three is killed while approvals run on it.</summary>
public sealed class SiloCrashTests(ITestOutputHelper output)
{
    private const int Applications = 24;

    [Fact]
    public async Task Approvals_in_flight_on_a_killed_silo_still_end_settled_with_one_client_each_and_all_state_survives_a_full_restart()
    {
        TestServers.RequireRedis();
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var cluster = new SiloCluster(azurite.ConnectionString);
        var silos = new[] { await cluster.StartSiloAsync(), await cluster.StartSiloAsync(), await cluster.StartSiloAsync() };
        var idp = DevIdentityProvider.Shared;
        var portal = new PortalScenario(cluster.Client(silos[0]), idp, idp);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "crash", "crash.read");
        var plan = await portal.CreatePlanAsync(admin, "basic", autoApprove: false, "plan.basic");

        // Each silo checks out a share of the applications (its catalogue copy refreshes within a second).
        var requests = new List<(string Request, string Application, string Developer)>();
        for (var i = 0; i < Applications; i++)
        {
            var silo = silos[i % silos.Length];
            var scenario = new PortalScenario(cluster.Client(silo), idp, idp);
            var developer = await portal.DeveloperTokenAsync($"dev{i}");
            var (request, application) = await Eventually.ReturnsAsync(
                () => scenario.CheckoutAsync(developer, product, plan), _ => true, TimeSpan.FromSeconds(10), "a checkout");
            requests.Add((request, application, developer));
        }

        // Approvals run on all three silos; the third is killed while they are in flight.
        var approvals = requests.Select((r, i) => ApproveAsync(cluster.Client(silos[i % silos.Length]), admin, r.Request)).ToList();
        await Eventually.ReturnsAsync(
            async () => (await Task.WhenAll(requests.Take(9).Select(r => idp.ClientsOfApplicationAsync(r.Application)))).Count(c => c.Count > 0),
            registered => registered >= 2,
            TimeSpan.FromSeconds(30),
            "the first registrations reaching the IdP");
        await silos[2].KillAsync();
        var answered = await Task.WhenAll(approvals);
        var unanswered = requests.Where((_, i) => !answered[i]).ToList();
        output.WriteLine($"approvals sent: {requests.Count}, unanswered because their silo died: {unanswered.Count}");

        // An admin whose approval got no answer approves again on a surviving silo (approval is idempotent); until the
        // cluster has declared the killed silo dead, calls to grains that lived there time out.
        var survivor = cluster.Client(silos[0]);
        foreach (var (request, _, _) in unanswered)
        {
            await Eventually.ReturnsAsync(() => ApproveAsync(survivor, admin, request), ok => ok, TimeSpan.FromSeconds(90), $"approving {request} again");
        }

        static bool Settled((string? Status, string? FailureReason) s) =>
            s.Status is "ACTIVE" || (s.Status is "FAILED" && !string.IsNullOrEmpty(s.FailureReason));
        (string? Status, string? FailureReason)[] statuses = [];
        try
        {
            statuses = await Eventually.ReturnsAsync(
                async () => statuses = await Task.WhenAll(requests.Select(r => StatusAsync(survivor, admin, r.Request))),
                all => all.All(Settled),
                TimeSpan.FromSeconds(120),
                "every approved request settling ACTIVE or FAILED with a reason");
        }
        catch (TimeoutException)
        {
            output.WriteLine("unsettled: " + string.Join("; ", statuses.Select((s, i) => (s, i)).Where(x => !Settled(x.s))
                .Select(x => $"{requests[x.i].Request} {x.s.Status} {x.s.FailureReason}")));
            output.WriteLine(silos[0].StandardOutput[^Math.Min(20000, silos[0].StandardOutput.Length)..]);
            throw;
        }

        output.WriteLine($"final states: {string.Join(", ", statuses.GroupBy(s => s.Status).Select(g => $"{g.Key} {g.Count()}"))}");

        var duplicates = 0;
        foreach (var (_, application, _) in requests)
        {
            var clients = await idp.ClientsOfApplicationAsync(application);
            var uncertain = await UncertainRegistrationsAsync(survivor, admin, application);
            duplicates += Math.Max(0, clients.Count - 1);
            Assert.True(clients.Count == 1 || clients.Count <= 1 + uncertain,
                $"application {application} has {clients.Count} clients at the IdP and {uncertain} uncertain registrations in its audit");
        }

        output.WriteLine($"clients beyond one per application (each recorded as an uncertain registration): {duplicates}");

        // The whole cluster and the storage stop; started again, everything is back.
        var before = await Task.WhenAll(requests.Select(r => portal.CredentialsAsync(r.Developer, r.Application)));
        await cluster.StopAllAsync();
        await azurite.StopAsync();
        await azurite.StartAgainAsync();
        var restarted = await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();
        var again = new PortalScenario(cluster.Client(restarted), idp, idp);
        for (var i = 0; i < requests.Count; i++)
        {
            var credentials = await again.CredentialsAsync(requests[i].Developer, requests[i].Application);
            Assert.Equal(before[i].GetProperty("credentials").ToString(), credentials.GetProperty("credentials").ToString());
            Assert.Equal(statuses[i].Status, (await StatusAsync(cluster.Client(restarted), admin, requests[i].Request)).Status);
        }
    }

    private static async Task<bool> ApproveAsync(GraphQLClient client, string admin, string requestId)
    {
        try
        {
            var response = await client.SendAsync(PortalScenario.ApproveMutation, new { input = new { id = requestId } }, admin);
            return !response.HasErrors;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<(string? Status, string? FailureReason)> StatusAsync(GraphQLClient client, string admin, string requestId)
    {
        var response = await client.SendAsync("query($id: ID!) { accessRequest(id: $id) { status failureReason } }", new { id = requestId }, admin);
        var request = response.At("accessRequest");
        return (request.GetProperty("status").GetString(), request.GetProperty("failureReason").ValueKind == JsonValueKind.Null ? null : request.GetProperty("failureReason").GetString());
    }

    private static async Task<int> UncertainRegistrationsAsync(GraphQLClient client, string admin, string applicationId)
    {
        var response = await client.SendAsync("query($id: ID!) { application(id: $id) { operations { operation outcome } } }", new { id = applicationId }, admin);
        return response.At("application.operations").EnumerateArray()
            .Count(o => o.GetProperty("operation").GetString() == "Register" && o.GetProperty("outcome").GetString() != "succeeded");
    }
}
