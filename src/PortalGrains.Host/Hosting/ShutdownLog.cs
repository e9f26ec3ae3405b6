namespace PortalGrains.Host.Hosting;

internal static partial class ShutdownLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information,
        Message = "Stop requested: /healthz reports unhealthy, serving for {DrainSeconds} s more before the HTTP server stops")]
    public static partial void Draining(ILogger logger, double drainSeconds);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information,
        Message = "Drain period over: stopping the HTTP server (in-flight requests finish) and leaving the cluster")]
    public static partial void Drained(ILogger logger);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning,
        Message = "Drain period cut short: the shutdown timeout was reached")]
    public static partial void DrainCutShort(ILogger logger);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Information,
        Message = "Grain call {Interface}.{Method} to {Target} was rejected (attempt {Attempt}: {Reason}); sending it again")]
    public static partial void RetryingRejectedCall(ILogger logger, string @interface, string method, string target, int attempt, string reason);
}
