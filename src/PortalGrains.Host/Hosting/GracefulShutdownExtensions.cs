using Orleans.Configuration;

namespace PortalGrains.Host.Hosting;

public static class GracefulShutdownExtensions
{
    /// <summary>
    /// On a stop request (SIGTERM): /healthz turns 503 at once, requests are still served for
    /// <c>Portal:Shutdown:DrainSeconds</c>, then the HTTP server stops (finishing in-flight requests) and the silo
    /// leaves the cluster, all within the drain plus <c>Portal:Shutdown:StopTimeoutSeconds</c>. Grain calls that a
    /// stopping silo rejects are sent again (<see cref="StoppingSiloRetryFilter"/>, added to the silo).
    /// </summary>
    /// <param name="builder">The host.</param>
    /// <param name="multiSiloCluster">Whether other silos may hold grains (not localhost clustering): then the silo waits for
    /// the requests it forwarded before it leaves the cluster.</param>
    public static IHostApplicationBuilder AddPortalGracefulShutdown(this IHostApplicationBuilder builder, bool multiSiloCluster)
    {
        var options = builder.Configuration.GetSection(GracefulShutdownOptions.SectionName).Get<GracefulShutdownOptions>() ?? new();

        builder.Services.AddOptions<GracefulShutdownOptions>()
            .BindConfiguration(GracefulShutdownOptions.SectionName)
            .Validate(o => o.DrainSeconds >= 0 && o.StopTimeoutSeconds > o.ForwardedRequestsGraceSeconds && o.ForwardedRequestsGraceSeconds >= 0 && o.RejectedCallRetrySeconds >= 0,
                "Portal:Shutdown: DrainSeconds, ForwardedRequestsGraceSeconds and RejectedCallRetrySeconds must be 0 or more, StopTimeoutSeconds more than ForwardedRequestsGraceSeconds.")
            .ValidateOnStart();
        builder.Services.Configure<HostOptions>(host =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(0, options.DrainSeconds) + Math.Max(1, options.StopTimeoutSeconds)));
        if (multiSiloCluster)
        {
            builder.Services.Configure<SiloMessagingOptions>(messaging =>
                messaging.WaitForMessageToBeQueuedForOutboundTime = TimeSpan.FromSeconds(Math.Max(0, options.ForwardedRequestsGraceSeconds)));
        }

        builder.Services.AddSingleton<ShutdownDrain>();
        builder.Services.AddHostedService<ShutdownDrainService>();
        builder.Services.AddHealthChecks().AddCheck<ShutdownDrainHealthCheck>(ShutdownDrainHealthCheck.Name);
        return builder;
    }
}
