using PortalGrains.Configuration;

namespace PortalGrains.Host.Hosting;

/// <summary>The <c>Portal:Shutdown</c> section: how a silo leaves when it is asked to stop (SIGTERM, Ctrl-C).</summary>
public sealed class GracefulShutdownOptions : IProblemReportingOptions
{
    public const string SectionName = "Portal:Shutdown";

    /// <summary>
    /// How long the silo keeps serving after /healthz turned 503, so that load balancers (or Kubernetes endpoints)
    /// stop sending it new requests before the HTTP server stops listening. Longer than the balancer's
    /// health-check interval times its fall count.
    /// </summary>
    public double DrainSeconds { get; set; } = 5;

    /// <summary>How long in-flight requests and the silo's own shutdown (leaving the cluster) may take after the drain.</summary>
    public double StopTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// How long a stopping silo waits, after deactivating its grains, before it leaves the cluster. Requests queued at
    /// those grains were forwarded to their new silos, but their callers still wait on this silo and fail them once it
    /// is declared dead: the wait lets them complete (Orleans' SiloMessagingOptions.WaitForMessageToBeQueuedForOutboundTime).
    /// </summary>
    public double ForwardedRequestsGraceSeconds { get; set; } = 5;

    /// <summary>
    /// How long a grain call that a stopping silo rejected (it never ran) is sent again, while its grain moves to a
    /// silo that runs.
    /// </summary>
    public double RejectedCallRetrySeconds { get; set; } = 15;

    public IReadOnlyList<string> Validate() =>
        DrainSeconds >= 0 && StopTimeoutSeconds > ForwardedRequestsGraceSeconds && ForwardedRequestsGraceSeconds >= 0 && RejectedCallRetrySeconds >= 0
            ? []
            : [$"{nameof(DrainSeconds)}, {nameof(ForwardedRequestsGraceSeconds)} and {nameof(RejectedCallRetrySeconds)} must be 0 or more, {nameof(StopTimeoutSeconds)} more than {nameof(ForwardedRequestsGraceSeconds)}"];
}
