using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Common;
using PortalGrains.Grains.Tests.Support;

namespace PortalGrains.Grains.Tests.Catalog;

[Collection(ClusterCollection.Name)]
public sealed class CatalogGrainTests(ClusterFixture fixture)
{
    private ICatalogGrain Catalog => fixture.Client.GetGrain<ICatalogGrain>(ICatalogGrain.Key);

    [Fact]
    public async Task Creates_a_product_with_a_new_id_and_a_new_version()
    {
        var before = await Catalog.GetVersionAsync();
        var upsert = CatalogSamples.PlainProduct();

        var result = await Catalog.UpsertProductAsync(null, upsert, TestIds.Admin());

        Assert.True(result.Succeeded);
        var product = result.Value!;
        Assert.False(string.IsNullOrWhiteSpace(product.Id));
        Assert.Equal(upsert.Name, product.Name);
        Assert.Equal(["orders:read", "orders:write"], product.Scopes.ToArray());
        Assert.Equal("orders-policy", product.PolicyId);
        var snapshot = await Catalog.GetSnapshotAsync();
        Assert.True(snapshot.Version > before);
        Assert.Equal(snapshot.Version, await Catalog.GetVersionAsync());
        Json.AssertSame(product, snapshot.FindProduct(product.Id));
    }

    [Fact]
    public async Task Updates_a_product_under_its_id_and_bumps_the_version()
    {
        var admin = TestIds.Admin();
        var id = TestIds.New("product");
        var created = (await Catalog.UpsertProductAsync(id, CatalogSamples.PlainProduct(), admin)).Value!;
        var versionAfterCreate = await Catalog.GetVersionAsync();

        var updated = await Catalog.UpsertProductAsync(id, CatalogSamples.PlainProduct("  Renamed  ", published: false), admin);

        Assert.True(updated.Succeeded);
        Assert.Equal(id, created.Id);
        Assert.Equal("Renamed", updated.Value!.Name);
        Assert.False(updated.Value.Published);
        var snapshot = await Catalog.GetSnapshotAsync();
        Assert.True(snapshot.Version > versionAfterCreate);
        Assert.Single(snapshot.Products, p => p.Id == id);
        Assert.Equal("Renamed", snapshot.FindProduct(id)!.Name);
    }

    [Fact]
    public async Task An_identical_upsert_changes_nothing()
    {
        var admin = TestIds.Admin();
        var upsert = CatalogSamples.PlainProduct();
        var first = (await Catalog.UpsertProductAsync(null, upsert, admin)).Value!;
        var version = await Catalog.GetVersionAsync();

        var again = await Catalog.UpsertProductAsync(first.Id, upsert, admin);

        Assert.True(again.Succeeded);
        Json.AssertSame(first, again.Value);
        Assert.Equal(version, await Catalog.GetVersionAsync());
    }

    [Fact]
    public async Task Only_admins_change_the_catalogue()
    {
        var version = await Catalog.GetVersionAsync();
        var id = TestIds.New("product");

        var product = await Catalog.UpsertProductAsync(id, CatalogSamples.PlainProduct(), TestIds.Developer());
        var plan = await Catalog.UpsertPlanAsync(id, CatalogSamples.Plan(), TestIds.Developer());

        Assert.Equal(UserErrorCodes.Forbidden, Assert.Single(product.Errors).Code);
        Assert.Equal(UserErrorCodes.Forbidden, Assert.Single(plan.Errors).Code);
        await AssertNothingStoredAsync(version, id);
    }

    public static TheoryData<string, ProductUpsert, string, string[]> InvalidProducts()
    {
        var valid = CatalogSamples.PlainProduct();
        return new()
        {
            { "missing name", valid with { Name = "  " }, UserErrorCodes.Required, ["input", "name"] },
            { "long name", valid with { Name = new string('n', 201) }, UserErrorCodes.TooLong, ["input", "name"] },
            { "long description", valid with { Description = new string('d', 2001) }, UserErrorCodes.TooLong, ["input", "description"] },
            { "no scopes", valid with { Scopes = [] }, UserErrorCodes.Required, ["input", "scopes"] },
            { "default scopes", valid with { Scopes = default }, UserErrorCodes.Required, ["input", "scopes"] },
            { "scope with a space", valid with { Scopes = ["ok", "not ok"] }, UserErrorCodes.Invalid, ["input", "scopes", "1"] },
            { "scope with a quote", valid with { Scopes = ["a\"b"] }, UserErrorCodes.Invalid, ["input", "scopes", "0"] },
            { "duplicate scope", valid with { Scopes = ["a", "b", "a"] }, UserErrorCodes.Invalid, ["input", "scopes", "2"] },
            { "too many scopes", valid with { Scopes = [.. Enumerable.Range(0, 101).Select(i => $"s{i}")] }, UserErrorCodes.TooMany, ["input", "scopes"] },
            { "long policy", valid with { PolicyId = new string('p', 201) }, UserErrorCodes.TooLong, ["input", "policyId"] },
            { "dcr without provider", valid with { DcrEnabled = true, ClientTypeIds = ["web"] }, UserErrorCodes.Required, ["input", "providerId"] },
            { "client types without provider", valid with { ClientTypeIds = ["web"] }, UserErrorCodes.Required, ["input", "providerId"] },
            { "duplicate client type", valid with { ClientTypeIds = ["web", "web"] }, UserErrorCodes.Invalid, ["input", "clientTypeIds", "1"] },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidProducts))]
    public async Task Refuses_an_invalid_product_and_stores_nothing(string because, ProductUpsert upsert, string code, string[] field)
    {
        var version = await Catalog.GetVersionAsync();
        var id = TestIds.New("product");

        var result = await Catalog.UpsertProductAsync(id, upsert, TestIds.Admin());

        Assert.False(result.Succeeded, because);
        Assert.Null(result.Value);
        Assert.Contains(result.Errors, e => e.Code == code && e.Field.SequenceEqual(field));
        await AssertNothingStoredAsync(version, id);
    }

    [Fact]
    public async Task A_dcr_product_needs_client_types()
    {
        var upsert = CatalogSamples.PlainProduct() with { DcrEnabled = true, ProviderId = null, ClientTypeIds = [] };

        var result = await Catalog.UpsertProductAsync(null, upsert, TestIds.Admin());

        Assert.Contains(result.Errors, e => e.Code == UserErrorCodes.Required && e.Field.SequenceEqual(["input", "clientTypeIds"]));
        Assert.Contains(result.Errors, e => e.Code == UserErrorCodes.Required && e.Field.SequenceEqual(["input", "providerId"]));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("slash/id")]
    [InlineData("")]
    public async Task Refuses_an_id_that_is_not_url_safe(string id)
    {
        var version = await Catalog.GetVersionAsync();

        var result = await Catalog.UpsertProductAsync(id, CatalogSamples.PlainProduct(), TestIds.Admin());

        Assert.Contains(result.Errors, e => e.Code == UserErrorCodes.Invalid && e.Field.SequenceEqual(["input", "id"]));
        Assert.Equal(version, await Catalog.GetVersionAsync());
    }

    [Fact]
    public async Task Reports_every_problem_at_once()
    {
        var upsert = CatalogSamples.PlainProduct() with { Name = "", Scopes = ["bad scope"], PolicyId = new string('p', 300) };

        var result = await Catalog.UpsertProductAsync(null, upsert, TestIds.Admin());

        Assert.Equal(3, result.Errors.Length);
    }

    [Fact]
    public async Task Creates_and_updates_a_plan()
    {
        var admin = TestIds.Admin();
        var upsert = CatalogSamples.Plan(autoApprove: true);

        var created = await Catalog.UpsertPlanAsync(null, upsert, admin);
        var updated = await Catalog.UpsertPlanAsync(created.Value!.Id, upsert with { RateLimit = null, Quota = null, PolicyId = " " }, admin);

        Assert.True(created.Succeeded);
        Assert.True(created.Value.AutoApprove);
        Assert.Equal(new RateLimit(100, 60), created.Value.RateLimit);
        Assert.True(updated.Succeeded);
        Assert.Null(updated.Value!.RateLimit);
        Assert.Null(updated.Value.PolicyId);
        Json.AssertSame(updated.Value, (await Catalog.GetSnapshotAsync()).FindPlan(created.Value.Id));
    }

    public static TheoryData<string, PlanUpsert, string, string[]> InvalidPlans()
    {
        var valid = CatalogSamples.Plan();
        return new()
        {
            { "missing name", valid with { Name = "" }, UserErrorCodes.Required, ["input", "name"] },
            { "no scopes", valid with { Scopes = [] }, UserErrorCodes.Required, ["input", "scopes"] },
            { "bad scope", valid with { Scopes = ["a\\b"] }, UserErrorCodes.Invalid, ["input", "scopes", "0"] },
            { "zero requests", valid with { RateLimit = new RateLimit(0, 60) }, UserErrorCodes.Invalid, ["input", "rateLimit", "requests"] },
            { "negative period", valid with { RateLimit = new RateLimit(10, -1) }, UserErrorCodes.Invalid, ["input", "rateLimit", "perSeconds"] },
            { "zero quota", valid with { Quota = new Quota(0, 60) }, UserErrorCodes.Invalid, ["input", "quota", "requests"] },
            { "zero quota period", valid with { Quota = new Quota(5, 0) }, UserErrorCodes.Invalid, ["input", "quota", "periodSeconds"] },
            { "long policy", valid with { PolicyId = new string('p', 201) }, UserErrorCodes.TooLong, ["input", "policyId"] },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidPlans))]
    public async Task Refuses_an_invalid_plan_and_stores_nothing(string because, PlanUpsert upsert, string code, string[] field)
    {
        var version = await Catalog.GetVersionAsync();
        var id = TestIds.New("plan");

        var result = await Catalog.UpsertPlanAsync(id, upsert, TestIds.Admin());

        Assert.False(result.Succeeded, because);
        Assert.Contains(result.Errors, e => e.Code == code && e.Field.SequenceEqual(field));
        await AssertNothingStoredAsync(version, id);
    }

    [Fact]
    public async Task Knows_no_use_of_a_provider_that_no_product_names()
    {
        Assert.False(await Catalog.IsProviderInUseAsync(TestIds.New("provider")));
    }

    private async Task AssertNothingStoredAsync(long versionBefore, string id)
    {
        var snapshot = await Catalog.GetSnapshotAsync();
        Assert.Equal(versionBefore, snapshot.Version);
        Assert.Null(snapshot.FindProduct(id));
        Assert.Null(snapshot.FindPlan(id));
    }
}
