using System.Diagnostics.Metrics;
using PortalGrains.IdentityProviders.Http;

namespace PortalGrains.IdentityProviders.Tests.Http.Support;

/// <summary>Counts the attempts the HTTP layer reports (metric portalgrains.idp.http.attempts) for one provider.</summary>
public sealed class AttemptCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private int _attempts;

    public AttemptCounter(string providerId)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == IdentityProviderTelemetry.MeterName && instrument.Name == "portalgrains.idp.http.attempts")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "provider" && Equals(tag.Value, providerId))
                {
                    Interlocked.Add(ref _attempts, (int)value);
                }
            }
        });
        _listener.Start();
    }

    public int Attempts => Volatile.Read(ref _attempts);

    public void Dispose() => _listener.Dispose();
}
