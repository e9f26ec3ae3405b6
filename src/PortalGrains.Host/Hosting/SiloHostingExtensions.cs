using System.ComponentModel.DataAnnotations;
using System.Net;
using Orleans.Configuration;
using Orleans.Providers;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Configuration;
using PortalGrains.Grains.Applications;
using PortalGrains.Host.Configuration;
using PortalGrains.Persistence.AzureTables;
using StackExchange.Redis;

namespace PortalGrains.Host.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>Co-hosts an Orleans silo configured from the <c>Orleans</c> section and the connection strings.</summary>
    public static IHostApplicationBuilder AddPortalSilo(this IHostApplicationBuilder builder)
    {
        OrleansHostingOptions orleans;
        try
        {
            orleans = ReadOrleansOptions(builder.Configuration);
        }
        catch (StartupCheckException)
        {
            // RunPortalAsync reads the section again before starting and reports the error as one line.
            return builder;
        }

        builder.Services.AddOptions<OrleansHostingOptions>()
            .BindConfiguration(OrleansHostingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddPortalGracefulShutdown(multiSiloCluster: orleans.Clustering != ClusteringKind.Localhost);
        var connectionStrings = PortalConnectionStrings.From(builder.Configuration);
        // Orleans reads its own provider configuration from the "Orleans" section of the host configuration, where
        // Orleans:Clustering and Orleans:Storage name our choices instead: compose the silo without it.
        builder.Services.AddOrleans(silo =>
        {
            silo.ConfigurePortalSilo(orleans, connectionStrings);
            // Grain calls join the caller's trace (W3C traceparent in the message headers); spans only exist while a
            // listener (OpenTelemetry) samples them.
            silo.AddActivityPropagation();
            silo.AddOutgoingGrainCallFilter<StoppingSiloRetryFilter>();
        });
        return builder;
    }

    /// <summary>
    /// The <c>Orleans</c> section, validated: the silo is composed from it before the container exists. An unusable
    /// section is a <see cref="StartupCheckException"/> that says what to set.
    /// </summary>
    public static OrleansHostingOptions ReadOrleansOptions(IConfiguration configuration)
    {
        OrleansHostingOptions options;
        try
        {
            options = configuration.ReadOptions<OrleansHostingOptions>(OrleansHostingOptions.SectionName);
        }
        catch (InvalidOperationException e)
        {
            throw new StartupCheckException(
                $"The Orleans configuration section is invalid ({e.InnerException?.Message ?? e.Message}): Orleans:Clustering is Localhost or Redis, Orleans:Storage is AzureTables, Redis or Memory.");
        }

        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true))
        {
            throw new StartupCheckException(
                "The Orleans configuration section is invalid: " + string.Join("; ", problems.Select(p => p.ErrorMessage)) + ".");
        }

        return options;
    }

    public static ISiloBuilder ConfigurePortalSilo(
        this ISiloBuilder silo, OrleansHostingOptions orleans, PortalConnectionStrings connectionStrings)
    {
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = orleans.ClusterId;
            cluster.ServiceId = orleans.ServiceId;
        });

        // Idle applications go early: a portal holds one per developer application, most of them untouched for days.
        silo.Configure<GrainCollectionOptions>(collection =>
        {
            collection.CollectionAge = orleans.CollectionAge;
            collection.ClassSpecificCollectionAge[typeof(ApplicationGrain).FullName!] = orleans.ApplicationCollectionAge;
        });

        var advertised = string.IsNullOrWhiteSpace(orleans.AdvertisedIPAddress)
            ? IPAddress.Loopback
            : IPAddress.Parse(orleans.AdvertisedIPAddress);

        switch (orleans.Clustering)
        {
            case ClusteringKind.Localhost:
                silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
                break;
            case ClusteringKind.Redis when orleans.KubernetesHosting:
                // The Kubernetes hosting post-configures the advertised address from POD_IP (when none is set here)
                // and listens on every address of the pod.
                silo.Configure<EndpointOptions>(endpoints =>
                {
                    endpoints.SiloPort = orleans.SiloPort;
                    endpoints.GatewayPort = orleans.GatewayPort;
                    if (!string.IsNullOrWhiteSpace(orleans.AdvertisedIPAddress))
                    {
                        endpoints.AdvertisedIPAddress = IPAddress.Parse(orleans.AdvertisedIPAddress);
                    }
                });
                silo.UseKubernetesHosting();
                silo.UseRedisClustering(redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(connectionStrings.Redis));
                break;
            case ClusteringKind.Redis:
                silo.ConfigureEndpoints(advertised, orleans.SiloPort, orleans.GatewayPort, listenOnAnyHostAddress: false);
                silo.UseRedisClustering(redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(connectionStrings.Redis));
                break;
        }

        // The default grain storage, and the same storage for the stream pub/sub state (who subscribes to which stream).
        foreach (var name in new[] { ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME })
        {
            switch (orleans.Storage)
            {
                case StorageKind.AzureTables:
                    silo.AddPortalTableGrainStorage(name, tables => tables.ConnectionString = connectionStrings.AzureTables);
                    break;
                case StorageKind.Redis:
                    silo.AddRedisGrainStorage(name, redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(connectionStrings.Redis));
                    break;
                case StorageKind.Memory:
                    silo.AddMemoryGrainStorage(name);
                    break;
            }
        }

        // Access request changes reach every silo's live subscriptions through memory streams (queues held by grains,
        // so a change made on one silo is delivered on all); Azure Queue or Event Hubs streams are the durable variant.
        // Their cache only serves subscribers that fall behind: a minute of changes, not Orleans' default of half an
        // hour, which held every change's view in memory for that long under steady approvals.
        silo.AddMemoryStreams(AccessRequestChanges.StreamProvider, streams => streams.ConfigureCacheEviction(eviction => eviction.Configure(cache =>
        {
            cache.DataMinTimeInCache = TimeSpan.FromSeconds(30);
            cache.DataMaxAgeInCache = TimeSpan.FromMinutes(1);
            cache.MetadataMinTimeInCache = TimeSpan.FromMinutes(1);
        })));
        return silo;
    }
}
