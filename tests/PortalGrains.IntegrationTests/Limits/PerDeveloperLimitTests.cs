using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;

namespace PortalGrains.IntegrationTests.Limits;

/// <summary>
/// Portal:Limits:ApplicationsPerDeveloper and PendingRequestsPerDeveloper: a checkout over a limit is answered with
/// LIMIT_EXCEEDED and stores nothing; deleting an application or a decision on a request frees its slot; concurrent
/// checkouts cannot overshoot a limit.
/// </summary>
public sealed class PerDeveloperLimitTests(LimitsHost fixture) : IClassFixture<LimitsHost>
{
    private GraphQLClient GraphQL => fixture.Portal.GraphQL;

    [Fact]
    public async Task A_third_application_is_refused_with_LIMIT_EXCEEDED_and_a_deleted_one_frees_its_slot()
    {
        var developer = await fixture.Portal.DeveloperTokenAsync("apps-" + Guid.NewGuid().ToString("N")[..6]);
        var (_, first) = await fixture.Portal.CheckoutAsync(developer, fixture.ProductId, fixture.PlanId);
        await fixture.Portal.CheckoutAsync(developer, fixture.ProductId, fixture.PlanId);
        var before = await ViewAsync(developer);

        var refused = await CheckoutNewAsync(developer);

        Assert.Equal(["LIMIT_EXCEEDED"], Codes(refused));
        Assert.Equal(JsonValueKind.Null, refused.GetProperty("accessRequest").ValueKind);
        Assert.Equal(before, await ViewAsync(developer));

        var deleted = await GraphQL.SendAsync(
            "mutation($input: DeleteInput!) { deleteApplication(input: $input) { deletedId errors { code } } }",
            new { input = new { id = first } }, developer);
        Assert.Equal(first, deleted.Payload("deleteApplication").GetProperty("deletedId").GetString());

        var accepted = await CheckoutNewAsync(developer);

        Assert.Empty(Codes(accepted));
        Assert.Equal("PENDING", accepted.GetProperty("accessRequest").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Pending_requests_over_the_limit_are_refused_until_one_is_decided()
    {
        var developer = await fixture.Portal.DeveloperTokenAsync("pending-" + Guid.NewGuid().ToString("N")[..6]);
        var (firstRequest, application) = await fixture.Portal.CheckoutAsync(developer, fixture.ProductId, fixture.PlanId);
        for (var i = 1; i < LimitsHost.PendingRequestsPerDeveloper; i++)
        {
            await fixture.Portal.CheckoutAsync(developer, fixture.ProductId, fixture.PlanId, application);
        }

        var before = await ViewAsync(developer);

        var refused = await CheckoutExistingAsync(developer, application);

        Assert.Equal(["LIMIT_EXCEEDED"], Codes(refused));
        Assert.Equal(before, await ViewAsync(developer));

        var rejected = await GraphQL.SendAsync(
            "mutation($input: DecideInput!) { rejectAccessRequest(input: $input) { accessRequest { status } errors { code } } }",
            new { input = new { id = firstRequest, reason = "not now" } }, fixture.AdminToken);
        Assert.Equal("REJECTED", rejected.Payload("rejectAccessRequest").GetProperty("accessRequest").GetProperty("status").GetString());

        var accepted = await CheckoutExistingAsync(developer, application);

        Assert.Empty(Codes(accepted));
        Assert.Equal("PENDING", accepted.GetProperty("accessRequest").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Concurrent_checkouts_at_the_limit_create_only_as_many_applications_as_it_allows()
    {
        var developer = await fixture.Portal.DeveloperTokenAsync("race-" + Guid.NewGuid().ToString("N")[..6]);
        await fixture.Portal.CheckoutAsync(developer, fixture.ProductId, fixture.PlanId);

        // One slot is left; six checkouts of a new application race for it.
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => CheckoutNewAsync(developer)));

        Assert.Single(answers, a => Codes(a).Count == 0);
        Assert.All(answers.Where(a => Codes(a).Count > 0), a => Assert.Equal(["LIMIT_EXCEEDED"], Codes(a)));
        var viewer = (await GraphQL.SendAsync("{ viewer { applications { id } accessRequests { id } } }", token: developer)).At("viewer");
        Assert.Equal(LimitsHost.ApplicationsPerDeveloper, viewer.GetProperty("applications").GetArrayLength());
        Assert.Equal(LimitsHost.ApplicationsPerDeveloper, viewer.GetProperty("accessRequests").GetArrayLength());
    }

    private async Task<JsonElement> CheckoutNewAsync(string developer) =>
        (await GraphQL.SendAsync(PortalScenario.CheckoutMutation, new
        {
            input = new
            {
                productId = fixture.ProductId, planId = fixture.PlanId, clientTypeId = PortalScenario.M2mClientType,
                newApplication = new { name = "Limited " + Guid.NewGuid().ToString("N")[..6] },
            },
        }, developer)).At("checkout");

    private async Task<JsonElement> CheckoutExistingAsync(string developer, string applicationId) =>
        (await GraphQL.SendAsync(PortalScenario.CheckoutMutation, new
        {
            input = new { productId = fixture.ProductId, planId = fixture.PlanId, clientTypeId = PortalScenario.M2mClientType, applicationId },
        }, developer)).At("checkout");

    private async Task<string> ViewAsync(string developer) =>
        (await GraphQL.SendAsync("{ viewer { applications { id accessRequests { id status } } accessRequests { id status } } }", token: developer))
            .At("viewer").ToString();

    private static IReadOnlyList<string?> Codes(JsonElement payload) =>
        [.. payload.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString())];
}
