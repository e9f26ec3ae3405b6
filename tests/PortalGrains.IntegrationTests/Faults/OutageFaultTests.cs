using System.Diagnostics;
using System.Text.Json;
using PortalGrains.Testing;
using Xunit.Abstractions;

namespace PortalGrains.IntegrationTests.Faults;

[Collection(ResilientFaultsCollection.Name)]
public sealed class OutageFaultTests(ResilientPortalHost host, ITestOutputHelper output)
{
    /// <summary>
    /// The outage lasts until each application has failed this often: several seconds of background retries with
    /// backoff, the circuit opening and closing meanwhile (a condition, not a fixed 30 s).
    /// </summary>
    private const int FailedAttemptsDuringOutage = 12;

    [Fact]
    public async Task Requests_approved_while_the_idp_is_down_stay_provisioning_and_end_active_once_it_is_back()
    {
        await using var world = await FaultWorld.StartAsync(host.Portal, seed: 3);
        await world.CreateProviderAsync();
        var (product, plan) = await world.CreateCatalogueAsync();
        var requests = new List<(string Developer, string RequestId, string ApplicationId)>();
        foreach (var name in new[] { "olga", "piet", "quinn" })
        {
            var developer = await world.Portal.DeveloperTokenAsync(name);
            var (requestId, applicationId) = await world.Portal.CheckoutAsync(developer, product, plan);
            requests.Add((developer, requestId, applicationId));
        }

        world.Proxy.StopListening();
        var outage = Stopwatch.StartNew();
        var approvals = await Task.WhenAll(requests.Select(r => world.Portal.ApproveAsync(world.Admin, r.RequestId)));
        Assert.All(approvals, a => Assert.Equal("PROVISIONING", a.GetProperty("status").GetString()));

        foreach (var (developer, requestId, applicationId) in requests)
        {
            var operations = await Eventually.ReturnsAsync(
                () => world.OperationsAsync(applicationId),
                ops => FailedRegistrations(ops).Count >= FailedAttemptsDuringOutage,
                TimeSpan.FromSeconds(40),
                $"{FailedAttemptsDuringOutage} failed registrations of application {applicationId} while the IdP is down");

            // Admins find the detail in the application's audit: what was sent where, and why it did not arrive.
            Assert.All(FailedRegistrations(operations), o => Assert.Contains("was not sent", o.GetProperty("detail").GetString()));

            // Developers see the request waiting, without a failure reason, and one short note in its history.
            var seenByDeveloper = await world.RequestAsync(requestId, developer);
            Assert.Equal("PROVISIONING", seenByDeveloper.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, seenByDeveloper.GetProperty("failureReason").ValueKind);
            var note = seenByDeveloper.GetProperty("history").EnumerateArray().Last().GetProperty("note").GetString()!;
            Assert.StartsWith("the identity provider is retried: ", note);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(note, "[0-9a-f]{12}"));
            Assert.DoesNotContain("127.0.0.1", note);
            Assert.DoesNotContain("refused", note, StringComparison.OrdinalIgnoreCase);
            output.WriteLine($"during the outage, developer's note: \"{note}\"; admin's last detail: "
                + $"\"{FailedRegistrations(operations)[^1].GetProperty("detail").GetString()}\"");
        }

        Assert.DoesNotContain(world.Proxy.Exchanges, e => e.Method == "POST");
        world.Proxy.StartListening();
        outage.Stop();
        var back = Stopwatch.StartNew();
        foreach (var (_, requestId, _) in requests)
        {
            await world.WaitForStatusAsync(requestId, "ACTIVE", TimeSpan.FromSeconds(30));
        }

        output.WriteLine($"IdP down {outage.Elapsed.TotalSeconds:0.0} s; all ACTIVE {back.Elapsed.TotalSeconds:0.0} s after it was back");
        foreach (var (developer, _, applicationId) in requests)
        {
            var failed = FailedRegistrations(await world.OperationsAsync(applicationId)).Count;
            var atIdp = await world.IdpClientIdsAsync(applicationId);
            output.WriteLine($"application {applicationId}: {failed} failed registration attempts, {atIdp.Count} client(s) at the IdP");
            Assert.Equal(await world.PortalClientIdsAsync(developer, applicationId), atIdp);
        }

        world.PrintProxyFigures(output);
    }

    private static List<JsonElement> FailedRegistrations(IEnumerable<JsonElement> operations) =>
        [.. operations.Where(o => o.GetProperty("operation").GetString() == "Register" && o.GetProperty("outcome").GetString() == "failed")];
}
