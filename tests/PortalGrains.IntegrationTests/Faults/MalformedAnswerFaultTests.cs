using Xunit.Abstractions;

namespace PortalGrains.IntegrationTests.Faults;

[Collection(GiveUpFaultsCollection.Name)]
public sealed class MalformedAnswerFaultTests(GiveUpPortalHost host, ITestOutputHelper output)
{
    [Fact]
    public async Task Registrations_answered_with_malformed_json_are_retried_as_uncertain_then_fail_with_a_short_reason_for_developers()
    {
        await using var world = await FaultWorld.StartAsync(host.Portal, seed: 4);
        await world.CreateProviderAsync();
        var (product, plan) = await world.CreateCatalogueAsync();
        var developer = await world.Portal.DeveloperTokenAsync("mona");
        var (requestId, applicationId) = await world.Portal.CheckoutAsync(developer, product, plan);
        // The IdP creates each client; its 201 answer arrives cut in half.
        var fault = world.Proxy.Add(new FaultRule("POST", "/reg", FaultKind.MalformedJson));

        var approval = await world.Portal.ApproveAsync(world.Admin, requestId);
        var failed = await world.WaitForStatusAsync(requestId, "FAILED", TimeSpan.FromSeconds(30));

        var adminReason = failed.GetProperty("failureReason").GetString()!;
        var developerReason = (await world.RequestAsync(requestId, developer)).GetProperty("failureReason").GetString()!;
        var registrations = (await world.OperationsAsync(applicationId)).Where(o => o.GetProperty("operation").GetString() == "Register").ToList();
        var atIdp = await world.IdpClientIdsAsync(applicationId);
        world.PrintProxyFigures(output);
        output.WriteLine($"approval answered {approval.GetProperty("status").GetString()}; malformed answers: {fault.Hits}; "
            + $"registrations audited: {string.Join(", ", registrations.Select(o => o.GetProperty("outcome").GetString()))}; "
            + $"clients left at the IdP: {atIdp.Count}, none of them known to the portal; final FAILED");
        output.WriteLine($"developer's reason: {developerReason}");
        output.WriteLine($"admin's reason: {adminReason}");

        // Classified Uncertain (the IdP may have created the client), so retried rather than failed at once.
        Assert.Equal("PROVISIONING", approval.GetProperty("status").GetString());
        Assert.True(registrations.Count >= 2, $"{registrations.Count} registration attempts");
        Assert.All(registrations, o => Assert.Equal("uncertain", o.GetProperty("outcome").GetString()));
        Assert.Equal(fault.Hits, registrations.Count);
        // Developers get the short, stable sentence; admins that, and what the IdP answered.
        Assert.DoesNotContain("201", developerReason, StringComparison.Ordinal);
        Assert.DoesNotContain("client document", developerReason, StringComparison.Ordinal);
        Assert.StartsWith(developerReason, adminReason, StringComparison.Ordinal);
        Assert.Contains("answered HTTP 201 but the answer is not a client document", adminReason, StringComparison.Ordinal);
        Assert.Empty(await world.PortalClientIdsAsync(developer, applicationId));
        Assert.Equal(registrations.Count, atIdp.Count);
    }
}
