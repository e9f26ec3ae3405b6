using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>Log messages of <see cref="AzureTableGrainStorage"/>; endpoints only, never connection strings.</summary>
internal static partial class AzureTableGrainStorageLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Grain storage {ProviderName}: table {TableName} at {Endpoint} is ready ({ElapsedMilliseconds} ms)")]
    public static partial void TableReady(ILogger logger, string providerName, string tableName, string endpoint, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Grain storage {ProviderName}: {Reason}")]
    public static partial void StartupFailed(ILogger logger, string providerName, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Grain storage {ProviderName}: {Operation} of state {StateName} of {GrainId} conflicted (in memory ETag {CurrentEtag}, stored ETag {StoredEtag})")]
    public static partial void Conflict(ILogger logger, string providerName, string operation, string stateName, GrainId grainId, string? currentEtag, string storedEtag);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "Grain storage {ProviderName}: state {StateName} of {GrainId} serializes to {StateBytes} bytes, more than the {MaxStateBytes} bytes an entity holds; not written")]
    public static partial void StateTooLarge(ILogger logger, string providerName, string stateName, GrainId grainId, int stateBytes, int maxStateBytes);
}
