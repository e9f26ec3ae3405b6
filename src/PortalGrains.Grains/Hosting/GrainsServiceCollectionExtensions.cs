using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Grains.Catalog;
using PortalGrains.Grains.Common;
using PortalGrains.Grains.Teams;

namespace PortalGrains.Grains.Hosting;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// Registers what the catalogue, developer and access request grains need: the per-silo catalogue cache
    /// (as <see cref="ICatalogReader"/>, options from <c>Portal:Catalog</c>) and the clock.
    /// </summary>
    public static IServiceCollection AddPortalGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CatalogCacheOptions>()
            .BindConfiguration(CatalogCacheOptions.SectionName)
            .Validate(o => o.VersionCheckInterval > TimeSpan.Zero && o.VersionCheckInterval <= TimeSpan.FromHours(1),
                $"{CatalogCacheOptions.SectionName}:{nameof(CatalogCacheOptions.VersionCheckInterval)} must be positive and at most one hour.")
            .ValidateOnStart();
        services.AddOptions<PortalLimitsOptions>()
            .BindConfiguration(PortalLimitsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<TeamOptions>()
            .BindConfiguration(TeamOptions.SectionName)
            .Validate(o => o.InvitationLifetime > TimeSpan.Zero && o.InvitationLifetime <= TimeSpan.FromDays(365),
                $"{TeamOptions.SectionName}:{nameof(TeamOptions.InvitationLifetime)} must be positive and at most 365 days.")
            .ValidateOnStart();
        services.TryAddSingleton<CatalogCache>();
        services.TryAddSingleton<ICatalogReader>(sp => sp.GetRequiredService<CatalogCache>());
        return services;
    }
}
