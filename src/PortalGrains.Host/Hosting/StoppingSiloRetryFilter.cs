using System.Runtime.ExceptionServices;
using Orleans.Concurrency;
using Microsoft.Extensions.Options;

namespace PortalGrains.Host.Hosting;

/// <summary>
/// The caller's half of a graceful shutdown. A silo that stops rejects requests to the grains it still hosts until they
/// are deactivated (Orleans answers them with a transient "Silo stopping" rejection and a cache invalidation); the next
/// attempt finds the grain re-activated on a silo that runs. A rejected request was never executed, so sending it again
/// is safe even when the call is not idempotent. <see cref="SiloUnavailableException"/> also reports a silo that left
/// with the request pending, which may have executed it (or forwarded it to the grain's new silo): it is sent again
/// only for methods marked <see cref="ReadOnlyAttribute"/>, which change nothing.
/// </summary>
public sealed class StoppingSiloRetryFilter(IOptions<GracefulShutdownOptions> options, ILogger<StoppingSiloRetryFilter> logger)
    : IOutgoingGrainCallFilter
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var budget = TimeSpan.FromSeconds(options.Value.RejectedCallRetrySeconds);
        var started = DateTime.UtcNow;
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            ExceptionDispatchInfo? thrown = null;
            try
            {
                await context.Invoke();
            }
            catch (OrleansMessageRejectionException e)
            {
                thrown = ExceptionDispatchInfo.Capture(e);
            }

            var rejection = thrown?.SourceException ?? context.Response?.Exception;
            if (rejection is not OrleansMessageRejectionException
                || (rejection is SiloUnavailableException && !IsReadOnly(context))
                || DateTime.UtcNow - started + delay > budget)
            {
                thrown?.Throw();
                return;
            }

            ShutdownLog.RetryingRejectedCall(logger, context.InterfaceName, context.MethodName, context.TargetId.ToString(), attempt, rejection.Message);
            await Task.Delay(delay);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }

    private static bool IsReadOnly(IOutgoingGrainCallContext context) =>
        context.InterfaceMethod?.IsDefined(typeof(ReadOnlyAttribute), inherit: true) == true;
}
