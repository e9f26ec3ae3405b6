using System.Diagnostics.Metrics;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>Counters of the HTTP layer, tagged with the provider id (a small, admin-defined set).</summary>
internal sealed class IdentityProviderHttpMetrics
{
    private readonly Counter<long> _attempts;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _circuitOpened;
    private readonly Counter<long> _refusedConnections;

    public IdentityProviderHttpMetrics(Meter meter)
    {
        _attempts = meter.CreateCounter<long>(
            "portalgrains.idp.http.attempts", "{attempt}", "Requests put on the wire to identity providers, by outcome");
        _retries = meter.CreateCounter<long>(
            "portalgrains.idp.http.retries", "{retry}", "Retries scheduled by the resilience pipeline");
        _circuitOpened = meter.CreateCounter<long>(
            "portalgrains.idp.http.circuit_opened", "{event}", "Times a provider's circuit breaker opened");
        _refusedConnections = meter.CreateCounter<long>(
            "portalgrains.idp.http.refused_connections", "{connection}", "Connections refused by the outbound address rules");
    }

    public void RecordAttempt(string providerId, HttpMethod method, string outcome) =>
        _attempts.Add(1,
            new KeyValuePair<string, object?>("provider", providerId),
            new KeyValuePair<string, object?>("method", method.Method),
            new KeyValuePair<string, object?>("outcome", outcome));

    public void RecordRetry(string providerId, HttpMethod? method) =>
        _retries.Add(1,
            new KeyValuePair<string, object?>("provider", providerId),
            new KeyValuePair<string, object?>("method", method?.Method));

    public void RecordCircuitOpened(string providerId) =>
        _circuitOpened.Add(1, new KeyValuePair<string, object?>("provider", providerId));

    public void RecordRefusedConnection(string providerId) =>
        _refusedConnections.Add(1, new KeyValuePair<string, object?>("provider", providerId));
}
