using Microsoft.Extensions.Options;

namespace PortalGrains.Host.Telemetry;

/// <summary>
/// Checks the <c>Telemetry</c> section at start-up: outside Development the unauthenticated scrape endpoint is never
/// served on the public HTTP port, so turning it on needs a metrics port of its own.
/// </summary>
public sealed class TelemetryOptionsValidation(bool isDevelopment, IReadOnlyList<int> apiPorts) : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        if (options.MetricsPort is { } port)
        {
            if (port is < 1 or > 65535)
            {
                return ValidateOptionsResult.Fail($"Telemetry:MetricsPort must be between 1 and 65535; it is {port}.");
            }

            if (apiPorts.Contains(port))
            {
                return ValidateOptionsResult.Fail(
                    $"Telemetry:MetricsPort {port} is the API's HTTP port: choose a port of its own (e.g. 9464), which the Service or load balancer does not expose.");
            }
        }
        else if (options.Prometheus.Enabled && !isDevelopment)
        {
            return ValidateOptionsResult.Fail(
                "Telemetry:Prometheus:Enabled is true but Telemetry:MetricsPort is not set: outside Development /metrics is served only on a port of its own, never on the API's; set Telemetry:MetricsPort (environment variable Telemetry__MetricsPort, e.g. 9464) and scrape that port.");
        }

        return ValidateOptionsResult.Success;
    }
}
