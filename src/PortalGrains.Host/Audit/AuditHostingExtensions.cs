using Azure.Data.Tables;
using PortalGrains.Abstractions.Audit;
using PortalGrains.Configuration;
using PortalGrains.Grains.Audit;
using PortalGrains.Host.Configuration;
using PortalGrains.Host.Hosting;
using PortalGrains.Persistence.AzureTables;
using StackExchange.Redis;

namespace PortalGrains.Host.Audit;

public static class AuditHostingExtensions
{
    /// <summary>
    /// The audit log in the store <c>Orleans:Storage</c> names (Azure Tables, Redis or memory), options from
    /// <c>Portal:Audit</c>, validated at start. Entries are kept per <c>Orleans:ServiceId</c>.
    /// </summary>
    public static IHostApplicationBuilder AddPortalAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuditOptions>()
            .BindConfiguration(AuditOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        OrleansHostingOptions orleans;
        try
        {
            orleans = SiloHostingExtensions.ReadOrleansOptions(builder.Configuration);
        }
        catch (StartupCheckException)
        {
            // RunPortalAsync reports the invalid section.
            return builder;
        }

        var options = builder.Configuration.ReadOptions<AuditOptions>(AuditOptions.SectionName);
        var connectionStrings = PortalConnectionStrings.From(builder.Configuration);
        switch (orleans.Storage)
        {
            case StorageKind.AzureTables:
                builder.Services.AddSingleton<IAuditLog>(_ => new AzureTableAuditLog(new TableClient(connectionStrings.AzureTables, options.TableName), orleans.ServiceId));
                break;
            case StorageKind.Redis:
                var redis = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(connectionStrings.Redis));
                builder.Services.AddSingleton<IAuditLog>(_ => new RedisAuditLog(redis, $"{options.RedisKeyPrefix}:{orleans.ServiceId}"));
                break;
            default:
                builder.Services.AddSingleton<IAuditLog, MemoryAuditLog>();
                break;
        }

        return builder;
    }
}
