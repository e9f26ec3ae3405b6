using Orleans.Dashboard;
using PortalGrains.Configuration;

namespace PortalGrains.Host.Dashboard;

public static class PortalDashboardExtensions
{
    /// <summary>
    /// With <c>Portal:Dashboard:Enabled</c>, adds the Orleans Dashboard's statistics collection to the silo. Off, the
    /// silo carries nothing of it.
    /// </summary>
    public static IHostApplicationBuilder AddPortalDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PortalDashboardOptions>()
            .BindConfiguration(PortalDashboardOptions.SectionName)
            .ValidateProblems(PortalDashboardOptions.SectionName)
            .ValidateOnStart();
        // The silo is composed before start-up validation runs, which reports an unusable section when the host starts.
        var dashboard = builder.Configuration.ReadOptions<PortalDashboardOptions>(PortalDashboardOptions.SectionName);
        if (dashboard.Enabled && dashboard.Validate().Count == 0)
        {
            builder.Services.AddSingleton<IStartupFilter>(new DashboardGateStartupFilter(dashboard.Path));
            builder.Services.AddOrleans(silo => silo.AddDashboard(options =>
            {
                options.CounterUpdateIntervalMs = (int)Math.Min(int.MaxValue, dashboard.CounterUpdateInterval.TotalMilliseconds);
                // Silo logs leave the silo through the configured telemetry only, not through a browser.
                options.HideTrace = true;
            }));
        }

        return builder;
    }

    /// <summary>
    /// The dashboard's page and API on <c>Portal:Dashboard:Path</c>, behind <see cref="DashboardAdminGate"/> (put first in
    /// the pipeline by <see cref="AddPortalDashboard"/>); nothing when off.
    /// </summary>
    public static WebApplication MapPortalDashboard(this WebApplication app)
    {
        // Read before start-up validation runs, which reports an unusable section when the host starts.
        var dashboard = app.Configuration.ReadOptions<PortalDashboardOptions>(PortalDashboardOptions.SectionName);
        if (!dashboard.Enabled || dashboard.Validate().Count > 0)
        {
            return app;
        }

        app.MapOrleansDashboard(routePrefix: dashboard.Path);
        return app;
    }
}
