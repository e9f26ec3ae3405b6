using System.Text.Json;
using Xunit.Abstractions;

namespace PortalGrains.IntegrationTests.Faults;

[Collection(GiveUpFaultsCollection.Name)]
public sealed class IssuerMismatchFaultTests(GiveUpPortalHost host, ITestOutputHelper output)
{
    [Fact]
    public async Task A_discovery_document_naming_another_issuer_leaves_discovery_null_with_a_reason_and_fails_approvals()
    {
        await using var world = await FaultWorld.StartAsync(host.Portal, seed: 5);
        var foreignIssuer = world.Proxy.BaseUrl + "/another-issuer";
        var fault = world.Proxy.Add(new FaultRule("GET", "/.well-known/openid-configuration", FaultKind.MismatchedIssuer) { Issuer = foreignIssuer });

        var provider = await world.UpsertProviderAsync();
        Assert.Equal(JsonValueKind.Null, provider.GetProperty("discovery").ValueKind);
        var discoveryError = provider.GetProperty("discoveryError").GetString()!;
        Assert.Contains("issuer mismatch", discoveryError, StringComparison.Ordinal);
        Assert.Contains(foreignIssuer, discoveryError, StringComparison.Ordinal);

        var (product, plan) = await world.CreateCatalogueAsync();
        var developer = await world.Portal.DeveloperTokenAsync("nils");
        var (requestId, _) = await world.Portal.CheckoutAsync(developer, product, plan);
        var approval = await world.Portal.ApproveAsync(world.Admin, requestId);
        var failed = await world.WaitForStatusAsync(requestId, "FAILED", TimeSpan.FromSeconds(30));
        var adminReason = failed.GetProperty("failureReason").GetString()!;
        var developerReason = (await world.RequestAsync(requestId, developer)).GetProperty("failureReason").GetString()!;

        world.PrintProxyFigures(output);
        output.WriteLine($"discoveryError: {discoveryError}");
        output.WriteLine($"approval answered {approval.GetProperty("status").GetString()}; discovery documents with a foreign issuer: {fault.Hits}; final FAILED");
        output.WriteLine($"developer's reason: {developerReason}");
        output.WriteLine($"admin's reason: {adminReason}");

        // Nothing is registered at an IdP whose discovery cannot be trusted.
        Assert.DoesNotContain(world.Proxy.Exchanges, e => e.Method == "POST");
        Assert.DoesNotContain("issuer", developerReason, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(developerReason, adminReason, StringComparison.Ordinal);
        Assert.Contains("issuer mismatch", adminReason, StringComparison.Ordinal);
    }
}
