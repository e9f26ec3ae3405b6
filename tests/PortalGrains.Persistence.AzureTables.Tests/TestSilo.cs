using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using PortalGrains.Testing;

namespace PortalGrains.Persistence.AzureTables.Tests;

/// <summary>Builds one-silo hosts on free ports for the tests.</summary>
internal static class TestSilo
{
    public const string ServiceId = "pgtest";

    public static IHost Build(Action<ISiloBuilder> configureStorage)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreePort.Next(), gatewayPort: FreePort.Next());
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = "pgtest-" + Guid.NewGuid().ToString("N");
                options.ServiceId = ServiceId;
            });
            configureStorage(silo);
        });
        return builder.Build();
    }
}
