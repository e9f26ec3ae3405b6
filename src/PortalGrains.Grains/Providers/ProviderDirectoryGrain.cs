using System.Collections.Immutable;
using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Persistence;

namespace PortalGrains.Grains.Providers;

public sealed class ProviderDirectoryGrain(
    [PersistentState("providerDirectory")] IPersistentState<ProviderDirectoryState> state) : Grain, IProviderDirectoryGrain
{
    public Task<ImmutableArray<string>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.ProviderIds.ToImmutableArray());

    public async Task AddAsync(string providerId, CancellationToken cancellationToken = default)
    {
        if (state.State.ProviderIds.Add(providerId))
        {
            await state.WriteOrReloadAsync(this, cancellationToken);
        }
    }

    public async Task RemoveAsync(string providerId, CancellationToken cancellationToken = default)
    {
        if (state.State.ProviderIds.Remove(providerId))
        {
            await state.WriteOrReloadAsync(this, cancellationToken);
        }
    }
}
