namespace PortalGrains.Host.Dashboard;

/// <summary>
/// Puts <see cref="DashboardAdminGate"/> in front of every request under the dashboard's path, ahead of the host's
/// authentication middleware: the gate may turn a browser's token into the request's Authorization header, which
/// must happen before anything authenticates the request.
/// </summary>
internal sealed class DashboardGateStartupFilter(string path) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(path), gated => gated.UseMiddleware<DashboardAdminGate>());
        next(app);
    };
}
