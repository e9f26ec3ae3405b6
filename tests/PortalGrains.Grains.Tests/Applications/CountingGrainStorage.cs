using System.Collections.Concurrent;
using Orleans.Storage;

namespace PortalGrains.Grains.Tests.Applications;

/// <summary>Grain storage that counts the writes of each grain before passing them to the storage it wraps.</summary>
public sealed class CountingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainId, int> _writes = new();

    public int WritesOf(GrainId grainId) => _writes.GetValueOrDefault(grainId);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _writes.AddOrUpdate(grainId, 1, (_, count) => count + 1);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
