using Orleans.Configuration;
using PortalGrains.Configuration;

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
        builder.Services.AddOptions<GracefulShutdownOptions>()
            .BindConfiguration(GracefulShutdownOptions.SectionName)
            .ValidateProblems(GracefulShutdownOptions.SectionName)
            .ValidateOnStart();
        // The host and the silo read these while they are built, before start-up validation can report a bad value.
        var shutdown = builder.Configuration.ReadOptions<GracefulShutdownOptions>(GracefulShutdownOptions.SectionName);
        builder.Services.Configure<HostOptions>(host =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(0, shutdown.DrainSeconds) + Math.Max(1, shutdown.StopTimeoutSeconds)));
        if (multiSiloCluster)
        {
            builder.Services.Configure<SiloMessagingOptions>(messaging =>
                messaging.WaitForMessageToBeQueuedForOutboundTime = TimeSpan.FromSeconds(Math.Max(0, shutdown.ForwardedRequestsGraceSeconds)));
        }

        builder.Services.AddSingleton<ShutdownDrain>();
        builder.Services.AddHostedService<ShutdownDrainService>();
        builder.Services.AddHealthChecks().AddCheck<ShutdownDrainHealthCheck>(ShutdownDrainHealthCheck.Name);
        return builder;
    }
}
