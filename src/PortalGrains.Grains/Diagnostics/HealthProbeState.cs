namespace PortalGrains.Grains.Diagnostics;

[GenerateSerializer]
public sealed class HealthProbeState
{
    [Id(0)] public string? Marker { get; set; }
    [Id(1)] public DateTimeOffset? RecordedAt { get; set; }
}
