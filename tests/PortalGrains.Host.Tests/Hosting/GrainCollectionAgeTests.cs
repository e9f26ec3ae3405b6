using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using PortalGrains.Grains.Applications;
using PortalGrains.Host.Hosting;

namespace PortalGrains.Host.Tests.Hosting;

public sealed class GrainCollectionAgeTests
{
    private static readonly string ApplicationGrainClass = typeof(ApplicationGrain).FullName!;

    [Fact]
    public void Idle_applications_are_collected_after_two_minutes_and_other_grains_after_fifteen_by_default()
    {
        var collection = Composed(new Dictionary<string, string?>());

        Assert.Equal(TimeSpan.FromMinutes(2), collection.ClassSpecificCollectionAge[ApplicationGrainClass]);
        Assert.Equal(TimeSpan.FromMinutes(15), collection.CollectionAge);
    }

    [Fact]
    public void Both_ages_come_from_the_Orleans_section()
    {
        var collection = Composed(new Dictionary<string, string?>
        {
            ["Orleans:ApplicationCollectionAge"] = "00:05:00",
            ["Orleans:CollectionAge"] = "01:00:00",
        });

        Assert.Equal(TimeSpan.FromMinutes(5), collection.ClassSpecificCollectionAge[ApplicationGrainClass]);
        Assert.Equal(TimeSpan.FromHours(1), collection.CollectionAge);
    }

    [Theory]
    [InlineData("Orleans:ApplicationCollectionAge")]
    [InlineData("Orleans:CollectionAge")]
    public void An_age_of_a_minute_or_less_is_refused_at_start(string key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = "00:01:00" }).Build();

        var refused = Assert.Throws<StartupCheckException>(() => SiloHostingExtensions.ReadOrleansOptions(configuration));

        Assert.Contains(key, refused.Message);
    }

    private static GrainCollectionOptions Composed(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPortalSilo();
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;
    }
}
