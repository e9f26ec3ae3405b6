namespace PortalGrains.Abstractions.Diagnostics;

[GenerateSerializer, Immutable]
public sealed record HealthProbeResult(
    [property: Id(0)] string SiloAddress,
    [property: Id(1)] string? Marker,
    [property: Id(2)] DateTimeOffset? RecordedAt);
