using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Developers;
using PortalGrains.Grains.Tests.Support;

namespace PortalGrains.Grains.Tests.AccessRequests;

/// <summary>Checkouts that fail validation before any application or provider is involved: nothing is created.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CheckoutValidationTests(ClusterFixture fixture)
{
    private ICheckoutGrain Checkout => fixture.Client.GetGrain<ICheckoutGrain>(0);

    private ICatalogGrain Catalog => fixture.Client.GetGrain<ICatalogGrain>(ICatalogGrain.Key);

    [Fact]
    public async Task Reports_every_missing_field()
    {
        var caller = TestIds.Developer();

        var result = await Checkout.CheckoutAsync(new CheckoutRequest("", " ", null, null, null, null, ""), caller, null, null);

        AssertErrors(result,
            (UserErrorCodes.Required, ["input", "productId"]),
            (UserErrorCodes.Required, ["input", "planId"]),
            (UserErrorCodes.Required, ["input", "clientTypeId"]),
            (UserErrorCodes.Required, ["input", "applicationId"]));
        await AssertNothingCreatedAsync(caller);
    }

    [Fact]
    public async Task Unknown_product_and_plan_are_not_found()
    {
        var caller = TestIds.Developer();

        var result = await Checkout.CheckoutAsync(
            new CheckoutRequest(TestIds.New("product"), TestIds.New("plan"), null, "My app", null, null, "web"), caller, null, null);

        AssertErrors(result,
            (UserErrorCodes.NotFound, ["input", "productId"]),
            (UserErrorCodes.NotFound, ["input", "planId"]));
        await AssertNothingCreatedAsync(caller);
    }

    [Fact]
    public async Task An_unpublished_product_is_not_found_for_developers_and_not_published_for_admins()
    {
        var (product, plan) = await CatalogueAsync(CatalogSamples.PlainProduct(published: false));
        var developer = TestIds.Developer();
        var admin = TestIds.Admin();
        var request = new CheckoutRequest(product.Id, plan.Id, null, "My app", null, null, "web");

        var asDeveloper = await Checkout.CheckoutAsync(request, developer, null, null);
        var asAdmin = await Checkout.CheckoutAsync(request, admin, null, null);

        AssertErrors(asDeveloper, (UserErrorCodes.NotFound, ["input", "productId"]));
        AssertErrors(asAdmin, (UserErrorCodes.NotPublished, ["input", "productId"]));
        await AssertNothingCreatedAsync(developer);
        await AssertNothingCreatedAsync(admin);
    }

    [Fact]
    public async Task A_product_without_dynamic_client_registration_cannot_be_checked_out()
    {
        var (product, plan) = await CatalogueAsync(CatalogSamples.PlainProduct());
        var caller = TestIds.Developer();

        var result = await Checkout.CheckoutAsync(
            new CheckoutRequest(product.Id, plan.Id, null, "My app", null, ["https://app.example.com/cb"], "web"), caller, "dev@example.com", null);

        AssertErrors(result, (UserErrorCodes.DcrDisabled, ["input", "productId"]));
        await AssertNothingCreatedAsync(caller);
    }

    [Fact]
    public async Task Validates_the_new_application_and_the_redirect_uris()
    {
        var (product, plan) = await CatalogueAsync(CatalogSamples.PlainProduct());
        var caller = TestIds.Developer();

        var result = await Checkout.CheckoutAsync(
            new CheckoutRequest(product.Id, plan.Id, null, new string('n', 201), new string('d', 2001),
                ["https://ok.example.com/cb", "http://app.example.com/cb", "https://*.example.com/cb"], "web"),
            caller, null, null);

        AssertErrors(result,
            (UserErrorCodes.TooLong, ["input", "newApplication", "name"]),
            (UserErrorCodes.TooLong, ["input", "newApplication", "description"]),
            (UserErrorCodes.InvalidRedirectUri, ["input", "redirectUris", "1"]),
            (UserErrorCodes.InvalidRedirectUri, ["input", "redirectUris", "2"]),
            (UserErrorCodes.DcrDisabled, ["input", "productId"]));
        await AssertNothingCreatedAsync(caller);
    }

    [Fact]
    public async Task A_new_application_needs_a_name()
    {
        var (product, plan) = await CatalogueAsync(CatalogSamples.PlainProduct());
        var caller = TestIds.Developer();

        var result = await Checkout.CheckoutAsync(
            new CheckoutRequest(product.Id, plan.Id, null, "  ", "only a description", null, "web"), caller, null, null);

        Assert.Contains(result.Errors, e => e.Code == UserErrorCodes.Required && e.Field.SequenceEqual(["input", "newApplication", "name"]));
        await AssertNothingCreatedAsync(caller);
    }

    [Fact]
    public async Task Too_many_redirect_uris_are_refused()
    {
        var (product, plan) = await CatalogueAsync(CatalogSamples.PlainProduct());
        var caller = TestIds.Developer();
        var uris = Enumerable.Range(0, 21).Select(i => $"https://app.example.com/cb{i}").ToArray();

        var result = await Checkout.CheckoutAsync(new CheckoutRequest(product.Id, plan.Id, null, "App", null, [.. uris], "web"), caller, null, null);

        Assert.Contains(result.Errors, e => e.Code == UserErrorCodes.TooMany && e.Field.SequenceEqual(["input", "redirectUris"]));
        await AssertNothingCreatedAsync(caller);
    }

    [Fact]
    public async Task An_anonymous_caller_is_refused()
    {
        var result = await Checkout.CheckoutAsync(new CheckoutRequest("p", "p", null, "App", null, null, "web"), new Caller("", false), null, null);

        Assert.Equal(UserErrorCodes.Forbidden, Assert.Single(result.Errors).Code);
    }

    private async Task<(Product Product, Plan Plan)> CatalogueAsync(ProductUpsert product)
    {
        var admin = TestIds.Admin();
        var savedProduct = (await Catalog.UpsertProductAsync(null, product, admin)).Value!;
        var savedPlan = (await Catalog.UpsertPlanAsync(null, CatalogSamples.Plan(), admin)).Value!;
        return (savedProduct, savedPlan);
    }

    private static void AssertErrors(CommandResult<AccessRequestView> result, params (string Code, string[] Field)[] expected)
    {
        Assert.Null(result.Value);
        Assert.Equal(
            expected.Select(e => $"{e.Code} {string.Join('.', e.Field)}").Order(),
            result.Errors.Select(e => $"{e.Code} {string.Join('.', e.Field)}").Order());
    }

    /// <summary>A checkout creates the developer's profile first; none means nothing was created for this caller.</summary>
    private async Task AssertNothingCreatedAsync(Caller caller) =>
        Assert.Null(await fixture.Client.GetGrain<IDeveloperGrain>(caller.Id).GetAsync());
}
