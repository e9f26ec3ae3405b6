using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>Registers Azure Table grain storage providers on a silo.</summary>
public static class AzureTableGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds Azure Table storage as the default grain storage provider.</summary>
    public static ISiloBuilder AddPortalTableGrainStorageAsDefault(
        this ISiloBuilder builder, Action<AzureTableGrainStorageOptions> configureOptions)
    {
        builder.Services.AddPortalTableGrainStorageAsDefault(configureOptions);
        return builder;
    }

    /// <summary>Adds Azure Table storage as the grain storage provider named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddPortalTableGrainStorage(
        this ISiloBuilder builder, string name, Action<AzureTableGrainStorageOptions> configureOptions)
    {
        builder.Services.AddPortalTableGrainStorage(name, configureOptions);
        return builder;
    }

    /// <summary>Adds Azure Table storage as the default grain storage provider, configured through an options builder.</summary>
    public static ISiloBuilder AddPortalTableGrainStorageAsDefault(
        this ISiloBuilder builder, Action<OptionsBuilder<AzureTableGrainStorageOptions>>? configureOptions = null)
    {
        builder.Services.AddPortalTableGrainStorageAsDefault(configureOptions);
        return builder;
    }

    /// <summary>Adds Azure Table storage as the grain storage provider named <paramref name="name"/>, configured through an options builder.</summary>
    public static ISiloBuilder AddPortalTableGrainStorage(
        this ISiloBuilder builder, string name, Action<OptionsBuilder<AzureTableGrainStorageOptions>>? configureOptions = null)
    {
        builder.Services.AddPortalTableGrainStorage(name, configureOptions);
        return builder;
    }
}
