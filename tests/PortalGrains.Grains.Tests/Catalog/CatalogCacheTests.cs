using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Grains.Catalog;
using PortalGrains.Grains.Tests.Support;

namespace PortalGrains.Grains.Tests.Catalog;

[Collection(ClusterCollection.Name)]
public sealed class CatalogCacheTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private ICatalogGrain Catalog => fixture.Client.GetGrain<ICatalogGrain>(ICatalogGrain.Key);

    [Fact]
    public async Task Serves_reads_within_the_interval_from_memory()
    {
        var cache = NewCache();

        var first = await cache.GetAsync();
        var second = await cache.GetAsync();
        _clock.Advance(Interval - TimeSpan.FromTicks(1));
        var third = await cache.GetAsync();

        Assert.Same(first, second);
        Assert.Same(first, third);
        Assert.Equal(1, cache.VersionChecks);
        Assert.Equal(1, cache.SnapshotFetches);
        Assert.Equal(await Catalog.GetVersionAsync(), first.Version);
    }

    [Fact]
    public async Task Checks_the_version_after_the_interval_and_keeps_the_copy_when_it_did_not_change()
    {
        var cache = NewCache();
        var first = await cache.GetAsync();

        _clock.Advance(Interval);
        var second = await cache.GetAsync();

        Assert.Same(first, second);
        Assert.Equal(2, cache.VersionChecks);
        Assert.Equal(1, cache.SnapshotFetches);
    }

    [Fact]
    public async Task Fetches_a_new_snapshot_once_the_version_changed_and_the_interval_passed()
    {
        var cache = NewCache();
        await cache.GetAsync();
        var product = (await Catalog.UpsertProductAsync(null, CatalogSamples.PlainProduct(), TestIds.Admin())).Value!;

        var withinInterval = await cache.GetAsync();
        _clock.Advance(Interval);
        var afterInterval = await cache.GetAsync();

        Assert.Null(withinInterval.FindProduct(product.Id));
        Json.AssertSame(product, afterInterval.FindProduct(product.Id));
        Assert.Equal(await Catalog.GetVersionAsync(), afterInterval.Version);
        Assert.Equal(2, cache.SnapshotFetches);
    }

    [Fact]
    public async Task Invalidate_makes_the_next_read_refresh()
    {
        var cache = NewCache();
        await cache.GetAsync();
        var plan = (await Catalog.UpsertPlanAsync(null, CatalogSamples.Plan(), TestIds.Admin())).Value!;

        cache.Invalidate();
        var refreshed = await cache.GetAsync();
        var cached = await cache.GetAsync();

        Json.AssertSame(plan, refreshed.FindPlan(plan.Id));
        Assert.Same(refreshed, cached);
        Assert.Equal(2, cache.VersionChecks);
    }

    [Fact]
    public async Task Concurrent_readers_share_one_refresh()
    {
        var cache = NewCache();

        var reads = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => cache.GetAsync().AsTask()));

        Assert.All(reads, r => Assert.Same(reads[0], r));
        Assert.Equal(1, cache.VersionChecks);
        Assert.Equal(1, cache.SnapshotFetches);
    }

    [Fact]
    public async Task A_reader_that_gives_up_does_not_cancel_the_refresh_for_the_others()
    {
        var gate = new CatalogVersionGate();
        var cache = NewCache(gate.Wrap(fixture.Client));
        using var givingUp = new CancellationTokenSource();

        var first = cache.GetAsync(givingUp.Token).AsTask();
        await gate.Reached;
        var second = cache.GetAsync().AsTask();
        await givingUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.False(second.IsCompleted);
        gate.Open();
        var snapshot = await second;

        Assert.Equal(await Catalog.GetVersionAsync(), snapshot.Version);
        Assert.Equal(1, cache.VersionChecks);
        Assert.Equal(1, cache.SnapshotFetches);
    }

    [Fact]
    public void The_silo_registers_one_cache_as_the_catalogue_reader()
    {
        var reader = fixture.SiloServices.GetRequiredService<ICatalogReader>();

        Assert.IsType<CatalogCache>(reader);
        Assert.Same(reader, fixture.SiloServices.GetRequiredService<ICatalogReader>());
        Assert.Same(reader, fixture.SiloServices.GetRequiredService<CatalogCache>());
    }

    private CatalogCache NewCache(IGrainFactory? grains = null) => new(
        grains ?? fixture.Client,
        Options.Create(new CatalogCacheOptions { VersionCheckInterval = Interval }),
        _clock,
        NullLogger<CatalogCache>.Instance);
}
