using System.Collections.Concurrent;
using Orleans.Storage;

namespace PortalGrains.Grains.Tests.Applications;

/// <summary>
/// Grain storage that keeps, for each grain, the state object its last read went into: the object the activation then
/// holds in memory.
/// </summary>
public sealed class StateKeepingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainId, object> _states = new();

    /// <summary>What the current activation of <paramref name="grainId"/> holds, read from storage on its activation.</summary>
    public T StateOf<T>(GrainId grainId) => ((IGrainState<T>)_states[grainId]).State!;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.ReadStateAsync(stateName, grainId, grainState);
        _states[grainId] = grainState;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
