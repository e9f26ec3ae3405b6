using Orleans.Serialization.Invocation;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Grains.Catalog;

namespace PortalGrains.Grains.Tests.Catalog;

/// <summary>
/// Reads of the catalogue interleave with a write in progress (so that a provider that asks whether it is in use
/// while the catalogue awaits it does not deadlock); writes never interleave.
/// </summary>
public sealed class CatalogInterleavingTests
{
    [Fact]
    public void Only_the_reads_may_interleave()
    {
        var invokables = typeof(ICatalogGrain).Assembly.GetTypes()
            .Where(t => typeof(IInvokable).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IInvokable)Activator.CreateInstance(t)!)
            .Where(i => i.GetInterfaceType() == typeof(ICatalogGrain))
            .ToList();

        var interleaving = invokables.Where(CatalogGrain.MayInterleave).Select(i => i.GetMethod()!.Name).Order().ToList();
        var all = invokables.Select(i => i.GetMethod()!.Name).Order().ToList();

        Assert.Equal(
            [nameof(ICatalogGrain.GetSnapshotAsync), nameof(ICatalogGrain.GetVersionAsync), nameof(ICatalogGrain.IsProviderInUseAsync),
             nameof(ICatalogGrain.UpsertPlanAsync), nameof(ICatalogGrain.UpsertProductAsync)],
            all);
        Assert.Equal(
            [nameof(ICatalogGrain.GetSnapshotAsync), nameof(ICatalogGrain.GetVersionAsync), nameof(ICatalogGrain.IsProviderInUseAsync)],
            interleaving);
    }
}
