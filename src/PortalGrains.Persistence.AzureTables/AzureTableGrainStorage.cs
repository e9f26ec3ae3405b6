using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>
/// Grain storage on Azure Table storage: one entity per grain state, ETag optimistic concurrency, the table
/// created when the silo starts.
/// </summary>
public sealed class AzureTableGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly string[] KeyOnly = ["PartitionKey"];

    private readonly string _name;
    private readonly AzureTableGrainStorageOptions _options;
    private readonly string _serviceId;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activatorProvider;
    private readonly ILogger<AzureTableGrainStorage> _logger;
    private TableClient? _table;

    /// <summary>Creates the storage; no I/O happens before the silo lifecycle or the first call.</summary>
    public AzureTableGrainStorage(
        string name,
        AzureTableGrainStorageOptions options,
        IOptions<ClusterOptions> clusterOptions,
        IGrainStorageSerializer defaultSerializer,
        IActivatorProvider activatorProvider,
        ILogger<AzureTableGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        _name = name;
        _options = options;
        _serviceId = clusterOptions.Value.ServiceId ?? string.Empty;
        _serializer = options.GrainStorageSerializer ?? defaultSerializer;
        _activatorProvider = activatorProvider;
        _logger = logger;
    }

    private TableClient Table => _table ??= CreateTableClient();

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(AzureTableGrainStorage)}-{_name}", _options.InitStage, InitializeAsync, _ => Task.CompletedTask);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(
            AzureTableKeys.PartitionKey(_serviceId, grainId), AzureTableKeys.RowKey(stateName),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue || response.Value is null)
        {
            grainState.State = _activatorProvider.GetActivator<T>().Create();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var entity = response.Value;
        grainState.State = _serializer.Deserialize<T>(GrainStateEntity.ReadPayload(entity));
        grainState.ETag = entity.ETag.ToString();
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var payload = _serializer.Serialize(grainState.State).ToMemory();
        if (payload.Length > GrainStateEntity.MaxPayloadBytes)
        {
            AzureTableGrainStorageLog.StateTooLarge(_logger, _name, stateName, grainId, payload.Length, GrainStateEntity.MaxPayloadBytes);
            throw new GrainStateTooLargeException(
                $"State '{stateName}' of grain {grainId} serializes to {payload.Length} bytes; Azure Table storage ({_name}) holds at most {GrainStateEntity.MaxPayloadBytes} bytes per grain state (1 MiB entity limit). Nothing was written.",
                payload.Length,
                GrainStateEntity.MaxPayloadBytes);
        }

        var entity = GrainStateEntity.Create(
            AzureTableKeys.PartitionKey(_serviceId, grainId), AzureTableKeys.RowKey(stateName), payload);
        var currentEtag = grainState.ETag;
        Response response;
        try
        {
            // No ETag: the grain believes there is no record, so only an insert is right (409 if one appeared).
            response = currentEtag is null
                ? await Table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await Table.UpdateEntityAsync(entity, new ETag(currentEtag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (IsConflict(e, currentEtag))
        {
            throw await ConflictAsync(nameof(WriteStateAsync), stateName, grainId, entity, currentEtag, e).ConfigureAwait(false);
        }

        grainState.ETag = response.Headers.ETag?.ToString();
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var keys = new TableEntity(AzureTableKeys.PartitionKey(_serviceId, grainId), AzureTableKeys.RowKey(stateName));
        var currentEtag = grainState.ETag;
        if (currentEtag is null)
        {
            // The grain saw no record: deleting one written since would lose that write, so only check it is absent.
            var stored = await Table.GetEntityIfExistsAsync<TableEntity>(keys.PartitionKey, keys.RowKey, KeyOnly, cancellationToken).ConfigureAwait(false);
            if (stored.HasValue && stored.Value is not null)
            {
                var storedEtag = stored.Value.ETag.ToString();
                AzureTableGrainStorageLog.Conflict(_logger, _name, nameof(ClearStateAsync), stateName, grainId, currentEtag, storedEtag);
                throw new InconsistentStateException(
                    ConflictMessage(nameof(ClearStateAsync), stateName, grainId, currentEtag, storedEtag), storedEtag, "(none)");
            }
        }
        else
        {
            try
            {
                // A 404 (someone else deleted it) leaves the state the caller asked for; the SDK reports it as success.
                await Table.DeleteEntityAsync(keys.PartitionKey, keys.RowKey, new ETag(currentEtag), cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                throw await ConflictAsync(nameof(ClearStateAsync), stateName, grainId, keys, currentEtag, e).ConfigureAwait(false);
            }
        }

        grainState.State = _activatorProvider.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static bool IsConflict(RequestFailedException e, string? currentEtag) =>
        currentEtag is null ? e.Status == 409 : e.Status is 412 or 404;

    private async Task<InconsistentStateException> ConflictAsync(
        string operation, string stateName, GrainId grainId, TableEntity keys, string? currentEtag, RequestFailedException cause)
    {
        // Read only to report what is stored; the caller decides what to do (re-read, never retry blindly).
        string storedEtag;
        try
        {
            var stored = await Table.GetEntityIfExistsAsync<TableEntity>(keys.PartitionKey, keys.RowKey, KeyOnly).ConfigureAwait(false);
            storedEtag = stored.HasValue && stored.Value is not null ? stored.Value.ETag.ToString() : "(none)";
        }
        catch (RequestFailedException)
        {
            storedEtag = "(unknown)";
        }

        AzureTableGrainStorageLog.Conflict(_logger, _name, operation, stateName, grainId, currentEtag, storedEtag);
        return new InconsistentStateException(
            ConflictMessage(operation, stateName, grainId, currentEtag, storedEtag), storedEtag, currentEtag ?? "(none)", cause);
    }

    private string ConflictMessage(string operation, string stateName, GrainId grainId, string? currentEtag, string storedEtag) =>
        $"Version conflict ({operation}): ServiceId={_serviceId} ProviderName={_name} StateName={stateName} GrainId={grainId} ETag={currentEtag ?? "(none)"} StoredETag={storedEtag}.";

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var table = Table;
        var endpoint = Endpoint(table.Uri);
        try
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = StartupFailureReason(e, endpoint);
            AzureTableGrainStorageLog.StartupFailed(_logger, _name, reason);
            throw new AzureTableStorageStartupException(reason, e);
        }

        AzureTableGrainStorageLog.TableReady(_logger, _name, _options.TableName, endpoint, stopwatch.ElapsedMilliseconds);
    }

    private TableClient CreateTableClient()
    {
        TableServiceClient service;
        try
        {
            service = new TableServiceClient(_options.ConnectionString, _options.ClientOptions);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            // The parser's message may quote the connection string, so it is not passed on.
            var reason = $"The Azure Table connection string ({_options.ConnectionStringSource}) is not a valid Azure Storage connection string: use 'UseDevelopmentStorage=true' or 'DefaultEndpointsProtocol=...;AccountName=...;AccountKey=...;TableEndpoint=...'.";
            AzureTableGrainStorageLog.StartupFailed(_logger, _name, reason);
            throw new AzureTableStorageStartupException(reason);
        }

        return service.GetTableClient(_options.TableName);
    }

    private string StartupFailureReason(Exception failure, string endpoint)
    {
        if (FindResponseFailure(failure) is { } answered)
        {
            var code = string.IsNullOrEmpty(answered.ErrorCode) ? string.Empty : $" ({answered.ErrorCode})";
            return $"Azure Table storage at {endpoint} ({_options.ConnectionStringSource}) answered {answered.Status}{code} when creating table '{_options.TableName}': check the account name and key in the connection string and the table name.";
        }

        var hint = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.IsLoopback
            ? "start Azurite (Azurite/start.sh) or set the connection string"
            : "check the endpoint and the network, or set the connection string";
        return $"Azure Table storage is not reachable at {endpoint} ({_options.ConnectionStringSource}): {hint}.";
    }

    private static RequestFailedException? FindResponseFailure(Exception failure) => failure switch
    {
        RequestFailedException { Status: > 0 } answered => answered,
        AggregateException aggregate => aggregate.InnerExceptions.Select(FindResponseFailure).FirstOrDefault(found => found is not null),
        { InnerException: { } inner } => FindResponseFailure(inner),
        _ => null,
    };

    // Scheme, host, port and path only: a SAS token travels in the query.
    private static string Endpoint(Uri tableUri)
    {
        var path = tableUri.AbsolutePath;
        var lastSlash = path.LastIndexOf('/');
        var accountPath = lastSlash > 0 ? path[..lastSlash] : string.Empty;
        return tableUri.GetLeftPart(UriPartial.Authority) + accountPath;
    }
}
