using Azure.Data.Tables;
using Orleans;
using Orleans.Storage;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>Settings of one Azure Table grain storage provider.</summary>
public sealed class AzureTableGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Azure Storage connection string; the default targets Azurite on its standard ports.</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Table holding one entity per grain state (3-63 letters and digits, starting with a letter).</summary>
    public string TableName { get; set; } = "PortalGrainState";

    /// <summary>The configuration key the connection string comes from, named in start-up errors.</summary>
    public string ConnectionStringSource { get; set; } = "ConnectionStrings:AzureTables";

    /// <summary>Silo lifecycle stage at which the table is created.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    /// <summary>Transport, retry and timeout settings of the Azure SDK client.</summary>
    public TableClientOptions ClientOptions { get; set; } = new();

    /// <summary>Serializer of grain state; when left unset, the silo's <see cref="IGrainStorageSerializer"/>.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
