using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PortalGrains.Grains.Catalog;
using PortalGrains.Grains.Common;
using PortalGrains.Grains.Hosting;

namespace PortalGrains.Grains.Tests.Hosting;

public sealed class GrainsServiceCollectionExtensionsTests
{
    [Fact]
    public void Binds_the_catalogue_options_from_configuration()
    {
        using var services = Build(new() { ["Portal:Catalog:VersionCheckInterval"] = "00:00:00.250" });

        Assert.Equal(TimeSpan.FromMilliseconds(250), services.GetRequiredService<IOptions<CatalogCacheOptions>>().Value.VersionCheckInterval);
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void Defaults_to_one_second()
    {
        using var services = Build([]);

        Assert.Equal(TimeSpan.FromSeconds(1), services.GetRequiredService<IOptions<CatalogCacheOptions>>().Value.VersionCheckInterval);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("02:00:00")]
    public void Refuses_an_interval_that_is_not_positive_or_too_long(string interval)
    {
        using var services = Build(new() { ["Portal:Catalog:VersionCheckInterval"] = interval });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CatalogCacheOptions>>().Value);
        Assert.Contains("VersionCheckInterval", error.Message);
    }

    [Fact]
    public void Pages_an_index_shard_at_2000_entries_unless_configured()
    {
        using var defaults = Build([]);
        using var configured = Build(new() { ["Portal:Limits:EntriesPerIndexPage"] = "500" });

        Assert.Equal(2000, defaults.GetRequiredService<IOptions<PortalLimitsOptions>>().Value.EntriesPerIndexPage);
        Assert.Equal(500, configured.GetRequiredService<IOptions<PortalLimitsOptions>>().Value.EntriesPerIndexPage);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("10001")]
    public void Refuses_an_index_page_size_out_of_range(string entries)
    {
        using var services = Build(new() { ["Portal:Limits:EntriesPerIndexPage"] = entries });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PortalLimitsOptions>>().Value);
        Assert.Contains("EntriesPerIndexPage", error.Message);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddPortalGrains();
        return services.BuildServiceProvider();
    }
}
