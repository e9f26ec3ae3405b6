using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>Registers Azure Table grain storage providers on a silo's services.</summary>
public static class AzureTableGrainStorageServiceCollectionExtensions
{
    /// <summary>Adds Azure Table storage as the default grain storage provider.</summary>
    public static IServiceCollection AddPortalTableGrainStorageAsDefault(
        this IServiceCollection services, Action<AzureTableGrainStorageOptions> configureOptions) =>
        services.AddPortalTableGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>Adds Azure Table storage as the grain storage provider named <paramref name="name"/>.</summary>
    public static IServiceCollection AddPortalTableGrainStorage(
        this IServiceCollection services, string name, Action<AzureTableGrainStorageOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        return services.AddPortalTableGrainStorage(name, builder => builder.Configure(configureOptions));
    }

    /// <summary>Adds Azure Table storage as the default grain storage provider, configured through an options builder.</summary>
    public static IServiceCollection AddPortalTableGrainStorageAsDefault(
        this IServiceCollection services, Action<OptionsBuilder<AzureTableGrainStorageOptions>>? configureOptions = null) =>
        services.AddPortalTableGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>
    /// Adds Azure Table storage as the grain storage provider named <paramref name="name"/>, configured through an
    /// options builder (for example <c>BindConfiguration</c>).
    /// </summary>
    public static IServiceCollection AddPortalTableGrainStorage(
        this IServiceCollection services, string name, Action<OptionsBuilder<AzureTableGrainStorageOptions>>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        configureOptions?.Invoke(services.AddOptions<AzureTableGrainStorageOptions>(name));
        services.AddTransient<IPostConfigureOptions<AzureTableGrainStorageOptions>,
            DefaultStorageProviderSerializerOptionsConfigurator<AzureTableGrainStorageOptions>>();
        services.AddTransient<IConfigurationValidator>(sp => new AzureTableGrainStorageOptionsValidator(
            sp.GetRequiredService<IOptionsMonitor<AzureTableGrainStorageOptions>>().Get(name), name));
        return services.AddGrainStorage(name, AzureTableGrainStorageFactory.Create);
    }
}
