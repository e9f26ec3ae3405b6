using System.Reflection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PortalGrains.Configuration;

namespace PortalGrains.Host.Telemetry;

public static class PortalTelemetryExtensions
{
    private static readonly string[] UntracedPaths = ["/healthz"];

    /// <summary>
    /// OpenTelemetry from the <c>Telemetry</c> section: traces of ASP.NET Core requests, outgoing HTTP (identity
    /// providers) and grain calls; metrics of ASP.NET Core, HTTP clients, Orleans, the runtime and PortalGrains.*
    /// meters; exported over OTLP when <c>Telemetry:OtlpEndpoint</c> is set, and scraped at /metrics when
    /// <c>Telemetry:Prometheus:Enabled</c> or <c>Telemetry:MetricsPort</c> is set (on that port; without one only in
    /// Development, on the API's port). Log records carry the trace and span ids of the request that wrote them.
    /// </summary>
    public static IHostApplicationBuilder AddPortalTelemetry(this IHostApplicationBuilder builder)
    {
        var isDevelopment = builder.Environment.IsDevelopment();
        var apiUrls = MetricsEndpoint.ApiUrls(builder.Configuration);
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>>(
            new TelemetryOptionsValidation(isDevelopment, MetricsEndpoint.ApiPorts(builder.Configuration)));
        // Logging, the exporters and the server's URLs are composed now, before the container exists.
        var options = builder.Configuration.ReadOptions<TelemetryOptions>(TelemetryOptions.SectionName);
        // Outside Development the scrape endpoint is served on a metrics port or not at all (start-up then stops
        // with the line TelemetryOptionsValidation gives).
        var scrape = options.PrometheusEnabled && (options.MetricsPort is not null || isDevelopment);
        if (scrape && options.MetricsPort is { } metricsPort and >= 1 and <= 65535)
        {
            builder.Configuration[WebHostDefaults.ServerUrlsKey] = MetricsEndpoint.WithMetricsPort(apiUrls, metricsPort);
        }

        // Log scopes carry the current trace: the console (with scopes) and OTLP log records show which request wrote a line.
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (options.JsonConsoleLogs)
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        var otlp = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? null : new Uri(options.OtlpEndpoint);
        if (otlp is null && !scrape)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                options.ServiceName,
                serviceVersion: typeof(PortalTelemetryExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
                serviceInstanceId: InstanceId(builder.Configuration)))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter(TelemetrySources.PortalWildcard, TelemetrySources.OrleansMeter, TelemetrySources.RuntimeMeter);
                if (scrape)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        if (otlp is not null)
        {
            telemetry
                .WithTracing(tracing => tracing
                    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(Math.Clamp(options.SamplingRatio, 0, 1))))
                    .AddAspNetCoreInstrumentation(aspNetCore =>
                    {
                        aspNetCore.Filter = context => !UntracedPaths.Contains(context.Request.Path.Value, StringComparer.OrdinalIgnoreCase)
                            && !(scrape && context.Request.Path.StartsWithSegments(options.Prometheus.Path, StringComparison.OrdinalIgnoreCase));
                        aspNetCore.RecordException = true;
                    })
                    .AddHttpClientInstrumentation(http => http.RecordException = true)
                    .AddSource(TelemetrySources.OrleansActivitySources)
                    .AddSource(TelemetrySources.PortalWildcard))
                .WithLogging(configureBuilder: null, configureOptions: logging =>
                {
                    logging.IncludeScopes = true;
                    logging.IncludeFormattedMessage = true;
                })
                .UseOtlpExporter(options.OtlpProtocol, otlp);
        }

        if (scrape)
        {
            builder.Services.AddSingleton<IStartupFilter>(new PrometheusScrapeStartupFilter(options.Prometheus.Path, options.MetricsPort));
        }

        return builder;
    }

    /// <summary>The pod name in Kubernetes, otherwise host name and silo port (several silos share a host locally).</summary>
    private static string InstanceId(IConfiguration configuration) =>
        Environment.GetEnvironmentVariable("POD_NAME")
        ?? $"{Environment.MachineName}:{configuration["Orleans:SiloPort"] ?? "11111"}";
}
