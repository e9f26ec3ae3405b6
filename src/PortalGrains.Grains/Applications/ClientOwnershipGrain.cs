using PortalGrains.Abstractions.Applications;
using PortalGrains.Grains.Hosting;

namespace PortalGrains.Grains.Applications;

public sealed class ClientOwnershipGrain(
    [PersistentState("clientOwnership")] IPersistentState<ClientOwnershipState> state) : Grain, IClientOwnershipGrain
{
    public Task<string?> GetApplicationIdAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.ApplicationId);

    public async Task SetApplicationIdAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        if (state.State.ApplicationId != applicationId)
        {
            state.State.ApplicationId = applicationId;
            await state.WriteOrReloadAsync(this, cancellationToken);
        }
    }

    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        if (state.State.ApplicationId is not null)
        {
            await state.ClearStateAsync(cancellationToken);
        }
    }
}
