using System.Collections.Immutable;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Grains.Hosting;

namespace PortalGrains.Grains.Applications;

public sealed class PendingReconciliationsGrain(
    [PersistentState("pendingReconciliations")] IPersistentState<PendingReconciliationsState> state) : Grain, IPendingReconciliationsGrain
{
    public async Task AddAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        if (state.State.ApplicationIds.Add(applicationId))
        {
            await state.WriteOrReloadAsync(this, cancellationToken);
        }
    }

    public async Task RemoveAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        if (state.State.ApplicationIds.Remove(applicationId))
        {
            await state.WriteOrReloadAsync(this, cancellationToken);
        }
    }

    public Task<ImmutableArray<string>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.ApplicationIds.ToImmutableArray());
}
