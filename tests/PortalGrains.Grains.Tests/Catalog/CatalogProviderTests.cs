using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Tests.Support;

namespace PortalGrains.Grains.Tests.Catalog;

/// <summary>Products with dynamic client registration, checked against the real provider grain (at the dev IdP).</summary>
[Collection(ClusterCollection.Name)]
public sealed class CatalogProviderTests(ClusterFixture fixture)
{
    private ICatalogGrain Catalog => fixture.Client.GetGrain<ICatalogGrain>(ICatalogGrain.Key);

    [Fact]
    public async Task Stores_a_dcr_product_whose_provider_offers_its_client_types()
    {
        var providerId = await DevProvider.CreateAsync(fixture.Client);

        var result = await Catalog.UpsertProductAsync(null,
            CatalogSamples.DcrProduct(providerId, DevProvider.MachineToMachine, DevProvider.WebApplication), TestIds.Admin());

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(providerId, result.Value!.ProviderId);
        Assert.Equal([DevProvider.MachineToMachine, DevProvider.WebApplication], result.Value.ClientTypeIds.ToArray());
    }

    [Fact]
    public async Task Refuses_a_provider_that_does_not_exist()
    {
        var version = await Catalog.GetVersionAsync();

        var result = await Catalog.UpsertProductAsync(null, CatalogSamples.DcrProduct(TestIds.New("provider"), "m2m"), TestIds.Admin());

        var error = Assert.Single(result.Errors);
        Assert.Equal((UserErrorCodes.NotFound, "providerId"), (error.Code, error.Field[^1]));
        Assert.Equal(version, await Catalog.GetVersionAsync());
    }

    [Fact]
    public async Task Refuses_client_types_the_provider_does_not_offer()
    {
        var providerId = await DevProvider.CreateAsync(fixture.Client);
        var version = await Catalog.GetVersionAsync();

        var result = await Catalog.UpsertProductAsync(null,
            CatalogSamples.DcrProduct(providerId, DevProvider.MachineToMachine, "spa", "native"), TestIds.Admin());

        Assert.Equal(
            ["INVALID_CLIENT_TYPE input.clientTypeIds.1", "INVALID_CLIENT_TYPE input.clientTypeIds.2"],
            result.Errors.Select(e => $"{e.Code} {string.Join('.', e.Field)}"));
        Assert.Equal(version, await Catalog.GetVersionAsync());
        Assert.False(await Catalog.IsProviderInUseAsync(providerId));
    }

    [Fact]
    public async Task A_provider_that_products_use_cannot_be_deleted()
    {
        var providerId = await DevProvider.CreateAsync(fixture.Client);
        await Catalog.UpsertProductAsync(null, CatalogSamples.DcrProduct(providerId, DevProvider.MachineToMachine), TestIds.Admin());

        // The provider asks the catalogue while deleting: the catalogue answers even when it is busy.
        var delete = await fixture.Client.GetGrain<IProviderGrain>(providerId).DeleteAsync(TestIds.Admin());

        Assert.True(await Catalog.IsProviderInUseAsync(providerId));
        Assert.Equal(UserErrorCodes.InUse, Assert.Single(delete.Errors).Code);
        Assert.NotNull(await fixture.Client.GetGrain<IProviderGrain>(providerId).GetAsync());
    }

    [Fact]
    public async Task Upserts_that_await_a_provider_do_not_deadlock_with_its_deletion()
    {
        var providerId = await DevProvider.CreateAsync(fixture.Client);
        var provider = fixture.Client.GetGrain<IProviderGrain>(providerId);

        // The catalogue awaits the provider while the provider awaits the catalogue; either order must finish.
        var upsert = Catalog.UpsertProductAsync(null, CatalogSamples.DcrProduct(providerId, DevProvider.MachineToMachine), TestIds.Admin());
        var delete = provider.DeleteAsync(TestIds.Admin());
        var finished = await Task.WhenAll(upsert.ContinueWith(_ => true), delete.ContinueWith(_ => true)).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.All(finished, Assert.True);
        var (upserted, deleted) = (await upsert, await delete);
        // Exactly one wins: the product refers to an existing provider, or the provider is gone and the product was refused.
        Assert.NotEqual(upserted.Succeeded, deleted.Succeeded);
        Assert.Equal(upserted.Succeeded, await provider.GetAsync() is not null);
    }
}
