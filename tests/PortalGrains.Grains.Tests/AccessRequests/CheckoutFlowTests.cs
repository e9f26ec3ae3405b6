using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Developers;
using PortalGrains.Grains.AccessRequests;
using PortalGrains.Grains.Tests.Support;
using PortalGrains.Testing;

namespace PortalGrains.Grains.Tests.AccessRequests;

/// <summary>Checkout and approval with the real provider and application grains, registering clients at the dev IdP.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CheckoutFlowTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    private ICheckoutGrain Checkout => fixture.Client.GetGrain<ICheckoutGrain>(0);

    [Fact]
    public async Task A_checkout_creates_a_pending_request_and_an_approval_registers_a_client_with_the_product_and_plan_scopes()
    {
        var catalogue = await CatalogueAsync(autoApprove: false);
        var developer = TestIds.Developer();

        var checkout = await Checkout.CheckoutAsync(
            new CheckoutRequest(catalogue.Product.Id, catalogue.Plan.Id, null, "  Orders app  ", "for tests", null, DevProvider.MachineToMachine),
            developer, "ada@example.com", "Ada");

        Assert.True(checkout.Succeeded, Describe(checkout.Errors));
        var request = checkout.Value!;
        Assert.Equal(AccessRequestStatus.Pending, request.Status);
        Assert.Equal(developer.Id, request.DeveloperId);
        Assert.Equal(catalogue.ProviderId, request.ProviderId);
        // Product scopes, then the plan's that the product does not have, in order.
        Assert.Equal([catalogue.Product.Scopes[0], "plan:gold", catalogue.Plan.Scopes[1]], request.Scopes.ToArray());
        var profile = (await fixture.Client.GetGrain<IDeveloperGrain>(developer.Id).GetAsync())!;
        Assert.Equal(("ada@example.com", "Ada"), (profile.Email, profile.Name));
        Assert.Equal([request.ApplicationId], profile.ApplicationIds.ToArray());
        Assert.Equal([request.Id], profile.AccessRequestIds.ToArray());
        var application = fixture.Client.GetGrain<IApplicationGrain>(request.ApplicationId);
        var view = (await application.GetAsync())!;
        Assert.Equal((developer.Id, "Orders app", "for tests"), (view.OwnerId, view.Name, view.Description));
        Assert.Equal([request.Id], view.AccessRequestIds.ToArray());
        await RequestSamples.AssertListedOnlyUnderAsync(fixture.Client, request.Id, AccessRequestStatus.Pending);

        var approved = await fixture.Client.GetGrain<IAccessRequestGrain>(request.Id).ApproveAsync(TestIds.Admin());

        Assert.Equal(AccessRequestStatus.Active, approved.Value!.Status);
        await RequestSamples.AssertListedOnlyUnderAsync(fixture.Client, request.Id, AccessRequestStatus.Active);
        var credentials = Assert.Single(await application.GetCredentialsAsync(includeSecrets: true));
        Assert.Equal(catalogue.ProviderId, credentials.ProviderId);
        Assert.Equal(request.Scopes.Order(), credentials.Scopes.Order());
        var (status, _) = await DevIdentityProvider.Shared.ClientCredentialsAsync(
            credentials.ClientId, credentials.ClientSecret!, string.Join(' ', request.Scopes));
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task A_plan_that_approves_automatically_makes_the_request_active_at_checkout()
    {
        var catalogue = await CatalogueAsync(autoApprove: true);

        var checkout = await Checkout.CheckoutAsync(
            new CheckoutRequest(catalogue.Product.Id, catalogue.Plan.Id, null, "App", null, null, DevProvider.MachineToMachine),
            TestIds.Developer(), null, null);

        Assert.True(checkout.Succeeded, Describe(checkout.Errors));
        var request = checkout.Value!;
        Assert.Equal(AccessRequestStatus.Active, request.Status);
        Assert.Equal(CheckoutGrain.AutoApprover.Id, request.DecidedBy);
        Assert.Equal(CheckoutGrain.AutoApprover.Id, request.History[1].Actor);
    }

    [Fact]
    public async Task Revoking_an_active_request_removes_its_client_at_the_identity_provider()
    {
        var catalogue = await CatalogueAsync(autoApprove: true);
        var developer = TestIds.Developer();
        var request = (await Checkout.CheckoutAsync(
            new CheckoutRequest(catalogue.Product.Id, catalogue.Plan.Id, null, "App", null, null, DevProvider.MachineToMachine),
            developer, null, null)).Value!;
        Assert.Single(await DevIdentityProvider.Shared.ClientsOfApplicationAsync(request.ApplicationId));

        var revoked = await fixture.Client.GetGrain<IAccessRequestGrain>(request.Id).RevokeAsync(developer, null);

        Assert.Equal(AccessRequestStatus.Revoked, revoked.Value!.Status);
        await Eventually.ReturnsAsync(
            () => DevIdentityProvider.Shared.ClientsOfApplicationAsync(request.ApplicationId), clients => clients.Count == 0,
            Settle, "the client's deletion at the dev IdP");
        Assert.Empty(await fixture.Client.GetGrain<IApplicationGrain>(request.ApplicationId).GetCredentialsAsync(false));
    }

    [Fact]
    public async Task Deleting_the_application_revokes_its_requests()
    {
        var catalogue = await CatalogueAsync(autoApprove: true);
        var developer = TestIds.Developer();
        var request = (await Checkout.CheckoutAsync(
            new CheckoutRequest(catalogue.Product.Id, catalogue.Plan.Id, null, "App", null, null, DevProvider.MachineToMachine),
            developer, null, null)).Value!;

        await fixture.Client.GetGrain<IApplicationGrain>(request.ApplicationId).DeleteAsync(developer);

        var revoked = await Eventually.ReturnsAsync(
            () => fixture.Client.GetGrain<IAccessRequestGrain>(request.Id).GetAsync(), r => r!.Status == AccessRequestStatus.Revoked,
            Settle, "the revocation of the deleted application's request");
        Assert.Equal(AccessRequestStatus.Active, revoked!.History[^1].From);
    }

    [Fact]
    public async Task A_second_request_for_an_existing_application_keeps_its_client_type()
    {
        var catalogue = await CatalogueAsync(autoApprove: true);
        var developer = TestIds.Developer();
        var first = (await Checkout.CheckoutAsync(
            new CheckoutRequest(catalogue.Product.Id, catalogue.Plan.Id, null, "App", null, null, DevProvider.MachineToMachine),
            developer, null, null)).Value!;
        var profile = await fixture.Client.GetGrain<IDeveloperGrain>(developer.Id).GetAsync();

        var mismatch = await Checkout.CheckoutAsync(
            new CheckoutRequest(catalogue.Product.Id, catalogue.Plan.Id, first.ApplicationId, null, null, ["https://app.example.com/cb"], DevProvider.WebApplication),
            developer, null, null);
        var same = await Checkout.CheckoutAsync(
            new CheckoutRequest(catalogue.Product.Id, catalogue.Plan.Id, first.ApplicationId, null, null, null, DevProvider.MachineToMachine),
            developer, null, null);

        Assert.Equal(UserErrorCodes.ClientTypeMismatch, Assert.Single(mismatch.Errors).Code);
        Assert.True(same.Succeeded, Describe(same.Errors));
        Assert.Equal(first.ApplicationId, same.Value!.ApplicationId);
        var after = (await fixture.Client.GetGrain<IDeveloperGrain>(developer.Id).GetAsync())!;
        Assert.Equal(profile!.ApplicationIds.ToArray(), after.ApplicationIds.ToArray());
        Assert.Equal([first.Id, same.Value.Id], after.AccessRequestIds.ToArray());
    }

    [Fact]
    public async Task Someone_elses_application_and_a_missing_one_are_both_not_found_and_nothing_is_created()
    {
        var catalogue = await CatalogueAsync(autoApprove: true);
        var owner = TestIds.Developer();
        var theirs = (await Checkout.CheckoutAsync(
            new CheckoutRequest(catalogue.Product.Id, catalogue.Plan.Id, null, "App", null, null, DevProvider.MachineToMachine),
            owner, null, null)).Value!;
        var intruder = TestIds.Developer();
        await fixture.Client.GetGrain<IDeveloperGrain>(intruder.Id).GetOrCreateAsync(null, null);

        var foreign = await Checkout.CheckoutAsync(
            new CheckoutRequest(catalogue.Product.Id, catalogue.Plan.Id, theirs.ApplicationId, null, null, null, DevProvider.MachineToMachine),
            intruder, null, null);
        var missing = await Checkout.CheckoutAsync(
            new CheckoutRequest(catalogue.Product.Id, catalogue.Plan.Id, TestIds.New("app"), null, null, null, DevProvider.MachineToMachine),
            intruder, null, null);

        Json.AssertSame(Assert.Single(missing.Errors), Assert.Single(foreign.Errors));
        Assert.Equal((UserErrorCodes.NotFound, "applicationId"), (foreign.Errors[0].Code, foreign.Errors[0].Field[^1]));
        var profile = (await fixture.Client.GetGrain<IDeveloperGrain>(intruder.Id).GetAsync())!;
        Assert.Empty(profile.ApplicationIds);
        Assert.Empty(profile.AccessRequestIds);
        Assert.Equal([theirs.Id], (await fixture.Client.GetGrain<IApplicationGrain>(theirs.ApplicationId).GetAsync())!.AccessRequestIds.ToArray());
    }

    [Fact]
    public async Task Checks_client_type_redirect_uris_and_the_application_choice_before_creating_anything()
    {
        var providerId = await DevProvider.CreateAsync(fixture.Client);
        var admin = TestIds.Admin();
        var catalog = fixture.Client.GetGrain<ICatalogGrain>(ICatalogGrain.Key);
        var machineOnly = (await catalog.UpsertProductAsync(null, CatalogSamples.DcrProduct(providerId, DevProvider.MachineToMachine), admin)).Value!;
        var both = (await catalog.UpsertProductAsync(null,
            CatalogSamples.DcrProduct(providerId, DevProvider.MachineToMachine, DevProvider.WebApplication), admin)).Value!;
        var plan = (await catalog.UpsertPlanAsync(null, CatalogSamples.Plan(), admin)).Value!;
        var developer = TestIds.Developer();

        var notAllowed = await Checkout.CheckoutAsync(
            new CheckoutRequest(machineOnly.Id, plan.Id, null, "App", null, ["https://app.example.com/cb"], DevProvider.WebApplication), developer, null, null);
        var noRedirects = await Checkout.CheckoutAsync(
            new CheckoutRequest(both.Id, plan.Id, null, "App", null, [], DevProvider.WebApplication), developer, null, null);
        var twoApplications = await Checkout.CheckoutAsync(
            new CheckoutRequest(both.Id, plan.Id, TestIds.New("app"), "App", null, null, DevProvider.MachineToMachine), developer, null, null);
        var unknownType = await Checkout.CheckoutAsync(
            new CheckoutRequest(both.Id, plan.Id, null, "App", null, null, "spa"), developer, null, null);

        Assert.Equal("CLIENT_TYPE_NOT_ALLOWED input.clientTypeId", Describe(notAllowed.Errors));
        Assert.Equal("REQUIRED input.redirectUris", Describe(noRedirects.Errors));
        Assert.Contains("INVALID input.newApplication", Describe(twoApplications.Errors));
        Assert.Equal("CLIENT_TYPE_NOT_ALLOWED input.clientTypeId", Describe(unknownType.Errors));
        Assert.Null(await fixture.Client.GetGrain<IDeveloperGrain>(developer.Id).GetAsync());
    }

    [Fact]
    public async Task A_web_client_with_redirect_uris_is_provisioned_with_them()
    {
        var catalogue = await CatalogueAsync(autoApprove: true);
        var developer = TestIds.Developer();

        var checkout = await Checkout.CheckoutAsync(
            new CheckoutRequest(catalogue.Product.Id, catalogue.Plan.Id, null, "Web app", null,
                ["https://app.example.com/callback", "http://127.0.0.1:8080/callback"], DevProvider.WebApplication),
            developer, null, null);

        Assert.True(checkout.Succeeded, Describe(checkout.Errors));
        Assert.Equal(AccessRequestStatus.Active, checkout.Value!.Status);
        var application = (await fixture.Client.GetGrain<IApplicationGrain>(checkout.Value.ApplicationId).GetAsync())!;
        Assert.Equal(["https://app.example.com/callback", "http://127.0.0.1:8080/callback"], application.RedirectUris.ToArray());
        var client = Assert.Single(await DevIdentityProvider.Shared.ClientsOfApplicationAsync(checkout.Value.ApplicationId));
        Assert.Contains("https://app.example.com/callback", client.ToString());
    }

    private async Task<(string ProviderId, Product Product, Plan Plan)> CatalogueAsync(bool autoApprove)
    {
        var providerId = await DevProvider.CreateAsync(fixture.Client);
        var admin = TestIds.Admin();
        var catalog = fixture.Client.GetGrain<ICatalogGrain>(ICatalogGrain.Key);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var product = await catalog.UpsertProductAsync(null,
            CatalogSamples.DcrProduct(providerId, DevProvider.MachineToMachine, DevProvider.WebApplication) with { Scopes = [$"orders:{suffix}", "plan:gold"] },
            admin);
        var plan = await catalog.UpsertPlanAsync(null, CatalogSamples.Plan(autoApprove, ["plan:gold", $"gold:{suffix}"]), admin);
        Assert.True(product.Succeeded && plan.Succeeded, Describe([.. product.Errors, .. plan.Errors]));
        return (providerId, product.Value!, plan.Value!);
    }

    private static string Describe(IEnumerable<UserError> errors) =>
        string.Join("; ", errors.Select(e => $"{e.Code} {string.Join('.', e.Field)}"));
}
