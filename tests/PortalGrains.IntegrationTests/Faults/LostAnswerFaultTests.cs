using System.Text.Json;
using Xunit.Abstractions;

namespace PortalGrains.IntegrationTests.Faults;

/// <summary>The IdP acted on a request, and its answer never reached the portal (commit, then lose).</summary>
[Collection(ResilientFaultsCollection.Name)]
public sealed class LostAnswerFaultTests(ResilientPortalHost host, ITestOutputHelper output)
{
    [Fact]
    public async Task A_lost_registration_answer_ends_active_audited_as_uncertain_with_at_most_one_orphan_client()
    {
        await using var world = await FaultWorld.StartAsync(host.Portal, seed: 6);
        await world.CreateProviderAsync();
        var (product, plan) = await world.CreateCatalogueAsync();
        var developer = await world.Portal.DeveloperTokenAsync("rosa");
        var (requestId, applicationId) = await world.Portal.CheckoutAsync(developer, product, plan);
        var fault = world.Proxy.Add(new FaultRule("POST", "/reg", FaultKind.DropResponse) { Times = 1 });

        var approval = await world.Portal.ApproveAsync(world.Admin, requestId);
        await world.WaitForStatusAsync(requestId, "ACTIVE", TimeSpan.FromSeconds(30));

        var operations = await world.OperationsAsync(applicationId);
        var registrations = operations.Where(o => o.GetProperty("operation").GetString() == "Register").ToList();
        Assert.Equal(["uncertain", "succeeded"], registrations.Select(o => o.GetProperty("outcome").GetString()));
        var portal = Assert.Single(await world.PortalClientIdsAsync(developer, applicationId));
        var atIdp = await world.IdpClientIdsAsync(applicationId);
        var orphans = atIdp.Where(id => id != portal).ToList();
        world.PrintProxyFigures(output);
        output.WriteLine($"approval answered {approval.GetProperty("status").GetString()}; answers dropped after the IdP acted: {fault.Hits}; "
            + $"registration attempts {world.Proxy.Exchanges.Count(e => e is { Method: "POST", Path: "/reg" })}; "
            + $"clients at the IdP {atIdp.Count} (the portal's {portal}; orphans {orphans.Count}: {string.Join(", ", orphans)}); final ACTIVE");
        output.WriteLine("audit of the lost registration: " + registrations[0].GetProperty("detail").GetString());
        Assert.Equal(1, fault.Hits);
        Assert.Contains(portal, atIdp);
        // An RFC 7591 IdP offers no search: the client created by the lost POST cannot be found, and stays behind.
        Assert.InRange(orphans.Count, 0, 1);
    }

    [Fact]
    public async Task A_lost_update_answer_after_the_idp_rotated_the_registration_token_ends_failed_and_registers_nothing_new()
    {
        await using var world = await FaultWorld.StartAsync(host.Portal, seed: 7);
        await world.CreateProviderAsync();
        var (first, plan) = await world.CreateCatalogueAsync("first", "one.read");
        var second = await world.Portal.CreateProductAsync(world.Admin, "second", "two.read");
        var developer = await world.Portal.DeveloperTokenAsync("sven");
        var (firstRequest, applicationId) = await world.Portal.CheckoutAsync(developer, first, plan);
        Assert.Equal("ACTIVE", (await world.Portal.ApproveAsync(world.Admin, firstRequest)).GetProperty("status").GetString());
        var clientId = Assert.Single(await world.PortalClientIdsAsync(developer, applicationId));

        // The second product's scopes are added with an RFC 7592 PUT; oidc-provider rotates the registration access
        // token on it, and the answer carrying the new one is lost.
        var (secondRequest, _) = await world.Portal.CheckoutAsync(developer, second, plan, applicationId);
        var fault = world.Proxy.Add(new FaultRule("PUT", "/reg/*", FaultKind.DropResponse) { Times = 1 });
        var approval = await world.Portal.ApproveAsync(world.Admin, secondRequest);
        var failed = await world.WaitForStatusAsync(secondRequest, "FAILED", TimeSpan.FromSeconds(30));

        var management = world.Proxy.Exchanges.Where(e => e.Path == "/reg/" + clientId).ToList();
        var operations = await world.OperationsAsync(applicationId);
        var seenByDeveloper = await world.RequestAsync(secondRequest, developer);
        var adminReason = failed.GetProperty("failureReason").GetString()!;
        var developerReason = seenByDeveloper.GetProperty("failureReason").GetString()!;
        var idpClients = await world.Idp.ClientsOfApplicationAsync(applicationId);
        var portalCredentials = (await world.Portal.CredentialsAsync(developer, applicationId)).GetProperty("credentials")[0];
        var secret = portalCredentials.GetProperty("clientSecret").GetString()!;
        var (tokenStatus, _) = await world.Idp.ClientCredentialsAsync(clientId, secret, world.Portal.Scope("two.read"));

        // An admin retry does not get further: the portal has lost its access to the client.
        await world.RetryAsync(secondRequest);
        var retried = await world.WaitForStatusAsync(secondRequest, "FAILED", TimeSpan.FromSeconds(30));

        world.PrintProxyFigures(output);
        output.WriteLine($"approval answered {approval.GetProperty("status").GetString()}; management calls on {clientId}: "
            + string.Join(", ", management.Select(e => $"{e.Method} {(e.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "dropped")}")));
        output.WriteLine("audit: " + string.Join(" | ", operations.Select(o =>
            $"{o.GetProperty("operation").GetString()} {o.GetProperty("outcome").GetString()}: {o.GetProperty("detail")}")));
        output.WriteLine($"developer's reason: {developerReason}");
        output.WriteLine($"admin's reason: {adminReason}");
        output.WriteLine($"IdP: {idpClients.Count} client(s), scope \"{idpClients[0].GetProperty("scope").GetString()}\"; portal's scopes: "
            + string.Join(" ", portalCredentials.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()))
            + $"; a token with the second product's scope for the developer's credentials: HTTP {tokenStatus}; after an admin retry: "
            + retried.GetProperty("status").GetString());

        Assert.Equal(1, fault.Hits);
        Assert.Equal("ACTIVE", (await world.RequestAsync(firstRequest)).GetProperty("status").GetString());
        // The update reached the IdP: it holds the one client, with both products' scopes.
        var held = Assert.Single(idpClients);
        Assert.Equal(clientId, held.GetProperty("client_id").GetString());
        Assert.Contains(world.Portal.Scope("two.read"), held.GetProperty("scope").GetString()!.Split(' '));
        // The portal recorded the lost answer, then found it can no longer manage the client with the token it holds.
        Assert.Contains(operations, o => o.GetProperty("operation").GetString() == "Update" && o.GetProperty("outcome").GetString() == "uncertain");
        Assert.Contains(management, e => e is { Method: "GET", Status: 401 });
        // The PUT is not sent again blindly with the token it may have rotated: the portal reads the client instead.
        Assert.Single(management, e => e.Method == "PUT");
        Assert.DoesNotContain("HTTP", developerReason, StringComparison.Ordinal);
        Assert.StartsWith(developerReason, adminReason, StringComparison.Ordinal);
        Assert.Contains("401", adminReason, StringComparison.Ordinal);
        Assert.Single(await world.IdpClientIdsAsync(applicationId));
        Assert.Equal(JsonValueKind.String, retried.GetProperty("failureReason").ValueKind);
    }
}
