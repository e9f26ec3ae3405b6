using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace PortalGrains.IntegrationTests.Faults;

/// <summary>What of an identity provider's failure and of an admin's identity a developer sees, against what an admin sees.</summary>
[Collection(ResilientFaultsCollection.Name)]
public sealed partial class AdminDetailVisibilityTests(ResilientPortalHost host, ITestOutputHelper output)
{
    private const string RotateMutation = """
        mutation($input: RotateSecretInput!) { rotateClientSecret(input: $input) { application { id } errors { code message } } }
        """;

    private const string DecisionQuery = """
        query($id: ID!) { accessRequest(id: $id) { decidedBy history { to actor } } }
        """;

    [Fact]
    public async Task A_developers_failed_rotation_quotes_a_reference_and_an_admins_names_the_identity_providers_error()
    {
        await using var world = await FaultWorld.StartAsync(host.Portal, seed: 11);
        await world.CreateProviderAsync();
        var (product, plan) = await world.CreateCatalogueAsync("rotation", "r.read");
        var developer = await world.Portal.DeveloperTokenAsync("rhea");
        var (developerRequest, developerApplication) = await world.Portal.CheckoutAsync(developer, product, plan);
        var (adminRequest, adminApplication) = await world.Portal.CheckoutAsync(world.Admin, product, plan);
        await world.Portal.ApproveAsync(world.Admin, developerRequest);
        await world.Portal.ApproveAsync(world.Admin, adminRequest);
        await world.WaitForStatusAsync(developerRequest, "ACTIVE", TimeSpan.FromSeconds(30));
        await world.WaitForStatusAsync(adminRequest, "ACTIVE", TimeSpan.FromSeconds(30));

        world.Proxy.StopListening();
        var seenByDeveloper = await RotationErrorAsync(world, developer, developerApplication);
        var seenByAdmin = await RotationErrorAsync(world, world.Admin, adminApplication);
        output.WriteLine($"developer: \"{seenByDeveloper}\"; admin: \"{seenByAdmin}\"");

        Assert.Matches(ReferencePattern(), seenByDeveloper);
        Assert.DoesNotContain("127.0.0.1", seenByDeveloper);
        Assert.DoesNotContain("http", seenByDeveloper, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", seenByDeveloper, StringComparison.Ordinal);
        Assert.Matches(ReferencePattern(), seenByAdmin);
        Assert.Contains("was not sent", seenByAdmin, StringComparison.Ordinal);
        Assert.StartsWith(seenByDeveloper[..seenByDeveloper.IndexOf("(reference", StringComparison.Ordinal)], seenByAdmin);
        Assert.True(seenByAdmin.Length > seenByDeveloper.Length + 10, $"the admin's message carries the detail: {seenByAdmin}");
    }

    [Fact]
    public async Task A_developer_sees_an_administrator_where_an_admin_sees_the_admins_sub()
    {
        await using var world = await FaultWorld.StartAsync(host.Portal, seed: 12);
        await world.CreateProviderAsync();
        var (product, plan) = await world.CreateCatalogueAsync("decision", "d.read");
        var developer = await world.Portal.DeveloperTokenAsync("sven");
        var (requestId, _) = await world.Portal.CheckoutAsync(developer, product, plan);
        await world.Portal.ApproveAsync(world.Admin, requestId);
        await world.WaitForStatusAsync(requestId, "ACTIVE", TimeSpan.FromSeconds(30));
        var adminSub = (await world.Portal.GraphQL.SendAsync("{ viewer { id } }", token: world.Admin)).At("viewer.id").GetString()!;
        var developerSub = (await world.Portal.GraphQL.SendAsync("{ viewer { id } }", token: developer)).At("viewer.id").GetString()!;

        var byDeveloper = await DecisionAsync(world, developer, requestId);
        var byAdmin = await DecisionAsync(world, world.Admin, requestId);

        Assert.Equal("an administrator", byDeveloper.GetProperty("decidedBy").GetString());
        Assert.Equal(adminSub, byAdmin.GetProperty("decidedBy").GetString());
        var developerActors = Actors(byDeveloper);
        var adminActors = Actors(byAdmin);
        Assert.Equal(adminActors.Count, developerActors.Count);
        Assert.Contains(adminActors, a => a.Actor == adminSub);
        for (var i = 0; i < adminActors.Count; i++)
        {
            var expected = adminActors[i].Actor == adminSub ? "an administrator" : adminActors[i].Actor;
            Assert.Equal((adminActors[i].To, expected), developerActors[i]);
        }

        Assert.Equal(developerSub, developerActors[0].Actor);
        Assert.DoesNotContain(developerActors, a => a.Actor == adminSub);
    }

    private static async Task<string> RotationErrorAsync(FaultWorld world, string token, string applicationId)
    {
        var response = await world.Portal.GraphQL.SendAsync(
            RotateMutation, new { input = new { applicationId, providerId = world.ProviderId } }, token);
        var error = Assert.Single(response.At("rotateClientSecret.errors").EnumerateArray());
        Assert.Equal("PROVIDER_UNAVAILABLE", error.GetProperty("code").GetString());
        return error.GetProperty("message").GetString()!;
    }

    private static async Task<JsonElement> DecisionAsync(FaultWorld world, string token, string requestId) =>
        (await world.Portal.GraphQL.SendAsync(DecisionQuery, new { id = requestId }, token)).At("accessRequest");

    private static List<(string To, string Actor)> Actors(JsonElement request) =>
        [.. request.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("to").GetString()!, h.GetProperty("actor").GetString()!))];

    [GeneratedRegex(@"\(reference [0-9a-f]{12}\)")]
    private static partial Regex ReferencePattern();
}
