using Orleans.Placement;
using PortalGrains.Abstractions.Diagnostics;

namespace PortalGrains.Grains.Diagnostics;

[PreferLocalPlacement]
public sealed class HealthProbeGrain(
    [PersistentState("healthProbe")] IPersistentState<HealthProbeState> state,
    ILocalSiloDetails silo,
    TimeProvider clock) : Grain, IHealthProbeGrain
{
    public async Task<HealthProbeResult> ProbeAsync(CancellationToken cancellationToken = default)
    {
        await state.ReadStateAsync(cancellationToken);
        return Result();
    }

    public async Task<HealthProbeResult> RecordAsync(string marker, CancellationToken cancellationToken = default)
    {
        state.State.Marker = marker;
        state.State.RecordedAt = clock.GetUtcNow();
        await state.WriteStateAsync(cancellationToken);
        return Result();
    }

    private HealthProbeResult Result() =>
        new(silo.SiloAddress.ToString(), state.State.Marker, state.State.RecordedAt);
}
