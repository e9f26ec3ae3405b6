using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PortalGrains.Abstractions.Audit;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Configuration;
using PortalGrains.Grains.Audit;
using PortalGrains.Grains.Catalog;
using PortalGrains.Grains.Common;
using PortalGrains.Grains.Teams;

namespace PortalGrains.Grains.Hosting;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// Registers what the catalogue, developer and access request grains need: the per-silo catalogue cache
    /// (as <see cref="ICatalogReader"/>, options from <c>Portal:Catalog</c>), the audit recorder and the clock.
    /// </summary>
    public static IServiceCollection AddPortalGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CatalogCacheOptions>()
            .BindConfiguration(CatalogCacheOptions.SectionName)
            .ValidateProblems(CatalogCacheOptions.SectionName)
            .ValidateOnStart();
        services.AddOptions<PortalLimitsOptions>()
            .BindConfiguration(PortalLimitsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<TeamOptions>()
            .BindConfiguration(TeamOptions.SectionName)
            .ValidateProblems(TeamOptions.SectionName)
            .ValidateOnStart();
        // The host registers the audit log of its configured storage first; memory otherwise (tests).
        services.TryAddSingleton<IAuditLog, MemoryAuditLog>();
        services.TryAddSingleton<AuditRecorder>();
        services.TryAddSingleton<IndexUpdates>();
        // Access requests and applications raise webhook events.
        services.AddPortalWebhooks();
        services.TryAddSingleton<CatalogCache>();
        services.TryAddSingleton<ICatalogReader>(sp => sp.GetRequiredService<CatalogCache>());
        return services;
    }
}
