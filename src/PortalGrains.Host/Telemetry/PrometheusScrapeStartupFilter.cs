namespace PortalGrains.Host.Telemetry;

/// <summary>Puts the Prometheus scrape endpoint first in the pipeline, ahead of authentication and GraphQL.</summary>
internal sealed class PrometheusScrapeStartupFilter(string path) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseOpenTelemetryPrometheusScrapingEndpoint(path);
        next(app);
    };
}
