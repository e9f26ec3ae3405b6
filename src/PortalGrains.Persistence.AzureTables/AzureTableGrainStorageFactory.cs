using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>Creates the storage of one named provider from the service provider.</summary>
internal static class AzureTableGrainStorageFactory
{
    public static AzureTableGrainStorage Create(IServiceProvider services, string name) =>
        ActivatorUtilities.CreateInstance<AzureTableGrainStorage>(
            services, name, services.GetRequiredService<IOptionsMonitor<AzureTableGrainStorageOptions>>().Get(name));
}
