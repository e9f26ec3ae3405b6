using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;

namespace PortalGrains.Persistence.AzureTables.Tests;

/// <summary>One silo with the storage registered under <see cref="ProviderName"/> on a fresh table.</summary>
public sealed class StorageSiloFixture : IAsyncLifetime
{
    public const string ProviderName = "tables";

    private IHost? _host;

    public string TableName { get; } = AzuriteTables.NewTableName();

    public IGrainStorage Storage { get; private set; } = null!;

    /// <summary>The serializer the storage uses (the silo's default).</summary>
    public IGrainStorageSerializer Serializer { get; private set; } = null!;

    /// <summary>Direct access to the table, to look at what the storage wrote.</summary>
    public TableClient Table { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await AzuriteTables.EnsureReachableAsync();
        _host = TestSilo.Build(silo => silo.AddPortalTableGrainStorage(ProviderName, options =>
        {
            options.ConnectionString = AzuriteTables.ConnectionString;
            options.TableName = TableName;
        }));
        await _host.StartAsync();
        Storage = _host.Services.GetRequiredKeyedService<IGrainStorage>(ProviderName);
        Serializer = _host.Services.GetRequiredService<IGrainStorageSerializer>();
        Table = AzuriteTables.CreateServiceClient().GetTableClient(TableName);
    }

    public async Task DisposeAsync()
    {
        if (_host is null)
        {
            return;
        }

        await _host.StopAsync();
        _host.Dispose();
        await AzuriteTables.CreateServiceClient().DeleteTableAsync(TableName);
    }
}
