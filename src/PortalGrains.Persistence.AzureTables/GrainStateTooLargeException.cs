using Orleans.Runtime;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>Thrown when a grain state serializes to more bytes than one table entity holds; nothing is written.</summary>
public sealed class GrainStateTooLargeException(string message, int stateBytes, int maxStateBytes)
    : OrleansException(message)
{
    /// <summary>Size of the serialized state.</summary>
    public int StateBytes { get; } = stateBytes;

    /// <summary>Largest serialized state the storage accepts.</summary>
    public int MaxStateBytes { get; } = maxStateBytes;
}
