using PortalGrains.Abstractions.Applications;
using PortalGrains.Grains.Persistence;

namespace PortalGrains.Grains.Applications;

/// <summary>
/// Which application holds a client at a provider (read by the token verifier). Written once when the client is
/// registered and once when it is deleted: the activation goes right after a write rather than staying in memory, one
/// per application, until idle collection.
/// </summary>
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

        DeactivateOnIdle();
    }

    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        if (state.State.ApplicationId is not null)
        {
            await state.ClearStateAsync(cancellationToken);
        }

        DeactivateOnIdle();
    }
}
