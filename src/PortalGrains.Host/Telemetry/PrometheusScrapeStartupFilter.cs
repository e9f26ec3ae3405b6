namespace PortalGrains.Host.Telemetry;

/// <summary>
/// Puts the Prometheus scrape endpoint first in the pipeline, ahead of authentication and GraphQL. With a metrics port,
/// every request that arrives on that port is answered by a branch of its own (the scrape endpoint, else 404) and the
/// scrape endpoint does not exist on the API's port.
/// </summary>
internal sealed class PrometheusScrapeStartupFilter(string path, int? metricsPort) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (metricsPort is { } port)
        {
            app.MapWhen(context => context.Connection.LocalPort == port, metrics =>
            {
                metrics.UseOpenTelemetryPrometheusScrapingEndpoint(path);
                metrics.Run(context =>
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                });
            });
        }
        else
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(path);
        }

        next(app);
    };
}
